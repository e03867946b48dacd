#ifndef DOORSTEP_CPLATFORM_H
#define DOORSTEP_CPLATFORM_H

/// Swaps two paths in one step, so that neither is ever missing: renameat2(RENAME_EXCHANGE) on Linux,
/// renamex_np(RENAME_SWAP) on macOS. Returns 0, or -1 with errno set (ENOSYS or EINVAL where the
/// file system cannot do it).
int doorstep_exchange_paths(const char *first, const char *second);

#include <spawn.h>
/// Makes a spawned program start in `path` (posix_spawn_file_actions_addchdir_np, glibc 2.29 and macOS),
/// so a build never changes its own working folder. Returns 0 or an error number.
int doorstep_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// A pipe whose two ends close in every program started later (pipe2(O_CLOEXEC) on Linux; pipe and
/// fcntl elsewhere). A program's input must be held open by doorstep alone, so that it sees the end of
/// its input when doorstep stops, even when doorstep is killed. Returns 0, or -1 with errno set.
int doorstep_pipe_cloexec(int fds[2]);

/// 1 when `path` lies on a file system of this machine; 0 when another machine serves it or a program in
/// user space answers for it (NFS, SMB, 9p, FUSE and virtiofs, Ceph, AFS, Lustre on Linux; a file system
/// without MNT_LOCAL, or FUSE, on macOS), or when it cannot be told.
int doorstep_file_system_is_local(const char *path);

#include <sys/types.h>
/// 1 when the child `pid` has ended, 0 while it runs, -1 when it is not a child to wait for. The child is
/// not reaped: until `waitpid` reaps it, its number stays its own, and so does its process group's, so
/// the group can be stopped with `kill(-pid, …)` without any chance of reaching another program.
int doorstep_child_has_ended(pid_t pid);

#include <stddef.h>
/// Laid out as libcmark's `cmark_mem` (calloc, realloc, free), which it takes in `cmark_parser_new_with_mem`.
typedef struct doorstep_memory_allocator {
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
} doorstep_memory_allocator;

/// A parse's memory from one arena on the calling thread: many small blocks handed out from a few large
/// chunks, nothing freed one by one, and all of it given back by `doorstep_arena_end`. Begin and end may
/// nest on a thread (a table cell parsed while its page's tree is still in use); the memory goes back when
/// the outermost ends. No block handed out between them may be used after that.
doorstep_memory_allocator *doorstep_arena_begin(void);
void doorstep_arena_end(void);

#endif
