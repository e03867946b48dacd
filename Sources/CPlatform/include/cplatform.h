#ifndef DOORSTEP_CPLATFORM_H
#define DOORSTEP_CPLATFORM_H

/// Swaps two paths in one step, so that neither is ever missing: renameat2(RENAME_EXCHANGE) on Linux,
/// renamex_np(RENAME_SWAP) on macOS. Returns 0, or -1 with errno set (ENOSYS or EINVAL where the
/// file system cannot do it).
int doorstep_exchange_paths(const char *first, const char *second);

#endif
