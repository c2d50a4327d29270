/* plain.c - an ordinary shared library, without a wasm2native note, that
 * w2n_module_load must refuse (test_load.c). */
int embed_plain_answer(void);

int embed_plain_answer(void)
{
	return 42;
}
