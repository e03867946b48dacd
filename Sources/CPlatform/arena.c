#include "cplatform.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// One arena per thread: chunks taken from malloc, handed out by moving a pointer on, and given back all at
// once when the outermost parse on the thread ends. Every block carries its size in front of it, so that
// realloc knows how much to copy, and a block that is the last one handed out grows where it lies.

typedef struct doorstep_arena_chunk {
    struct doorstep_arena_chunk *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
} doorstep_arena_chunk;

enum {
    doorstep_arena_header = 16,
    doorstep_arena_first_chunk = 64 * 1024,
    doorstep_arena_largest_step = 8 * 1024 * 1024,
    /// The most a thread keeps between parses.
    doorstep_arena_kept = 4 * 1024 * 1024,
};

static _Thread_local doorstep_arena_chunk *arena_chunks;
/// How large the next parse's first chunk is made: as large as the last parse needed, so that parses of
/// pages of about one size each take no memory from the system at all.
static _Thread_local size_t arena_first_size = doorstep_arena_first_chunk;
static _Thread_local int arena_depth;
static _Thread_local unsigned char *arena_last;

static size_t rounded(size_t size) { return (size + 15) & ~(size_t)15; }

static void *arena_take(size_t size) {
    if (size > SIZE_MAX - 64) abort();
    size_t need = rounded(size + doorstep_arena_header);
    doorstep_arena_chunk *chunk = arena_chunks;
    if (chunk == NULL || chunk->size - chunk->used < need) {
        size_t step = chunk == NULL ? arena_first_size : chunk->size * 2;
        if (chunk != NULL && step > doorstep_arena_largest_step) step = doorstep_arena_largest_step;
        if (step < need) step = need;
        doorstep_arena_chunk *fresh = malloc(sizeof(doorstep_arena_chunk) + step);
        // libcmark's own allocator stops the program when memory runs out; so does this one.
        if (fresh == NULL) abort();
        fresh->next = chunk;
        fresh->size = step;
        fresh->used = 0;
        arena_chunks = chunk = fresh;
    }
    unsigned char *block = chunk->data + chunk->used;
    chunk->used += need;
    memcpy(block, &size, sizeof size);
    arena_last = block + doorstep_arena_header;
    return arena_last;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) abort();
    void *block = arena_take(count * size);
    memset(block, 0, count * size);
    return block;
}

static void *arena_realloc(void *old, size_t size) {
    if (old == NULL) return arena_take(size);
    unsigned char *start = (unsigned char *)old - doorstep_arena_header;
    size_t old_size;
    memcpy(&old_size, start, sizeof old_size);
    doorstep_arena_chunk *chunk = arena_chunks;
    if (old == arena_last && chunk != NULL) {
        size_t offset = (size_t)(start - chunk->data);
        if (size <= SIZE_MAX - 64 && offset + rounded(size + doorstep_arena_header) <= chunk->size) {
            chunk->used = offset + rounded(size + doorstep_arena_header);
            memcpy(start, &size, sizeof size);
            return old;
        }
    }
    void *block = arena_take(size);
    memcpy(block, old, old_size < size ? old_size : size);
    return block;
}

static void arena_free(void *block) { (void)block; }

static doorstep_memory_allocator arena_allocator = { arena_calloc, arena_realloc, arena_free };

doorstep_memory_allocator *doorstep_arena_begin(void) {
    arena_depth += 1;
    return &arena_allocator;
}

void doorstep_arena_end(void) {
    if (arena_depth > 0) arena_depth -= 1;
    if (arena_depth > 0) return;
    // One chunk is kept for the thread's next parse, emptied. Several go back, and the next parse starts with
    // one as large as they were together; so does a chunk too large to keep.
    doorstep_arena_chunk *chunk = arena_chunks;
    if (chunk != NULL && chunk->next == NULL && chunk->size <= doorstep_arena_kept) {
        chunk->used = 0;
        arena_last = NULL;
        return;
    }
    size_t total = 0;
    while (chunk != NULL) {
        doorstep_arena_chunk *next = chunk->next;
        total += chunk->size;
        free(chunk);
        chunk = next;
    }
    if (total < doorstep_arena_first_chunk) total = doorstep_arena_first_chunk;
    if (total > doorstep_arena_kept) total = doorstep_arena_kept;
    arena_first_size = total;
    arena_chunks = NULL;
    arena_last = NULL;
}
