/* host_wrong.c - add64 with a signature that differs from the import. */
int32_t w2n_import_env__add64(w2n_rt_instance *inst, int32_t a)
{
	(void)inst;
	return a;
}
