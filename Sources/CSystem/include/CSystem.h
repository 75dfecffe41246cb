#ifndef STAFFCAST_CSYSTEM_H
#define STAFFCAST_CSYSTEM_H

/// Swaps the two paths atomically (Linux renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the kernel or file system cannot).
int staffcast_rename_exchange(const char *from, const char *to);

#endif
