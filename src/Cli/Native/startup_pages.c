/*
 * Linked into the NativeAOT binary on Linux (see PosFleet.Cli.csproj), run before main.
 *
 * At start the runtime writes several megabytes into the binary's zero-initialized data (the ".hydrated" section: its
 * type data, stored compressed in the file and rebuilt on every run). Written a page at a time, that is a page fault
 * per 4 KiB page, more than a thousand of them, which on a virtual machine costs as much as a scan of megabytes of log.
 * So, before the runtime starts, the kernel is asked for that memory whole: as huge pages where it allows them
 * ("madvise" or "always" transparent huge pages), and mapped in one call (Linux 5.14 and later). Only hints: where
 * either is refused, nothing changes.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_HUGEPAGE
#define MADV_HUGEPAGE 14
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static int posfleet_zero_data(struct dl_phdr_info *info, size_t size, void *unused)
{
    (void)size;
    (void)unused;

    /* The executable comes first, with an empty name; the shared libraries after it are not ours. */
    if (info->dlpi_name != NULL && info->dlpi_name[0] != '\0')
    {
        return 1;
    }

    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || (segment->p_flags & PF_W) == 0 || segment->p_memsz <= segment->p_filesz)
        {
            continue;
        }

        /* The writable segment's part past its file contents, from its first whole page: zeros, not yet touched. */
        uintptr_t start = (info->dlpi_addr + segment->p_vaddr + segment->p_filesz + page - 1) & ~(page - 1);
        uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz + page - 1) & ~(page - 1);
        if (end > start)
        {
            (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
            (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
        }
    }

    return 1;
}

__attribute__((constructor)) static void posfleet_map_zero_data(void)
{
    (void)dl_iterate_phdr(posfleet_zero_data, NULL);
}
