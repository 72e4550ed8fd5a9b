/*
 * Linked into the NativeAOT binary on Linux (see PosFleet.Cli.csproj), run before main.
 *
 * At start the runtime rebuilds its type data, stored compressed in the file, into the binary's zero-initialized data
 * (mostly the ".hydrated" section, 5.6 MB). Written a 4 KiB page at a time, that is more than a thousand page faults,
 * which on a virtual machine cost as much as a scan of megabytes of log. So, before the runtime starts, the kernel is
 * asked for that memory whole: as huge pages where it allows them ("madvise" or "always" transparent huge pages), and
 * mapped in one call (Linux 5.14 and later). The few pages the runtime would have left untouched are mapped too: about
 * 1 MiB more resident (benchmarks/README.md, "the start's page faults"). Only hints: where either is refused, nothing
 * changes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_HUGEPAGE
#define MADV_HUGEPAGE 14
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static int posfleet_advise_zero_data(struct dl_phdr_info *info, size_t size, void *executable_headers)
{
    (void)size;

    /* The executable is the object whose program headers the kernel handed over (its name is empty on glibc, a path on
       musl, so it is not known by its name); the libraries are not ours. */
    if ((const void *)info->dlpi_phdr != executable_headers)
    {
        return 0;
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
    /* A refused hint leaves errno as main found it. */
    int saved = errno;
    void *headers = (void *)getauxval(AT_PHDR);
    if (headers != NULL)
    {
        (void)dl_iterate_phdr(posfleet_advise_zero_data, headers);
    }

    errno = saved;
}
