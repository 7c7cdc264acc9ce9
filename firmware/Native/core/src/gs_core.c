/*
 * gs_core.c - library identity: lets the managed side check that the library it loaded matches its declarations.
 */
#include "gs_types.h"

int32_t gs_core_abi_version(void)
{
	return GS_CORE_ABI_VERSION;
}
