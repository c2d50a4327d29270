/* twice.c - the host side of twice.wat, for the depfile test. */
int32_t w2n_import_env__twice(w2n_rt_instance *inst, int32_t x)
{
	(void)inst;
	return 2 * x;
}
