/*
 * Linked into the NativeAOT binary on Linux (see PosFleet.Cli.csproj); on x64, run before main and before the runtime.
 * Elsewhere, or where the csproj names no level, it compiles to nothing.
 *
 * The x64 binary is compiled for one instruction-set level (POSFLEET_X86_64_LEVEL: 3 for x86-64-v3, AVX2 and the rest;
 * 2 for x86-64-v2). On a processor without it the runtime stops at start with "The required instruction sets are not
 * supported by the current CPU" and aborts (a core dump, exit 134), or meets an instruction it did not check for
 * (SIGILL). The processors of many tills and back-office boxes lack AVX2 (Intel's Atom, Celeron, Pentium Silver and
 * Pentium Gold lines up to 2020 and 2021). So, first:
 * - the x86-64-v3 binary runs its x86-64-v2 build where the processor lacks v3, when the tool package put one beside it
 *   (named POSFLEET_PORTABLE_NAME), with the same arguments and environment, in the same process;
 * - otherwise, or where even v2 is missing, it says which extension is missing and what to do, and exits with 1.
 */
#if defined(__x86_64__) && defined(POSFLEET_X86_64_LEVEL)
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef POSFLEET_PORTABLE_NAME
#define POSFLEET_PORTABLE_NAME "posfleet.x86-64-v2"
#endif

/* The features of each level that the runtime or the compiled code needs (the x86-64 psABI levels, less LAHF-SAHF,
   which the psABI lists for v2 and nothing here uses), the system's saving of the 256-bit registers included. Returns
   the name of the first one missing, or NULL. */
static const char *posfleet_missing_feature(int level)
{
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
    {
        return "CPUID";
    }
    const unsigned int c1 = c;
    const struct { unsigned int bit; const char *name; } v2[] = {
        { bit_SSE3, "SSE3" }, { bit_SSSE3, "SSSE3" }, { bit_SSE4_1, "SSE4.1" }, { bit_SSE4_2, "SSE4.2" },
        { bit_POPCNT, "POPCNT" }, { bit_CMPXCHG16B, "CMPXCHG16B" },
    };
    for (size_t i = 0; i < sizeof v2 / sizeof v2[0]; i++)
    {
        if (!(c1 & v2[i].bit))
        {
            return v2[i].name;
        }
    }
    if (level < 3)
    {
        return NULL;
    }

    const struct { unsigned int bit; const char *name; } v3[] = {
        { bit_AVX, "AVX" }, { bit_OSXSAVE, "AVX (the system does not save its registers)" }, { bit_FMA, "FMA" },
        { bit_F16C, "F16C" }, { bit_MOVBE, "MOVBE" },
    };
    for (size_t i = 0; i < sizeof v3 / sizeof v3[0]; i++)
    {
        if (!(c1 & v3[i].bit))
        {
            return v3[i].name;
        }
    }
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6) != 6)
    {
        return "AVX (the system does not save its registers)";
    }
    if (!__get_cpuid(0x80000001, &a, &b, &c, &d) || !(c & bit_LZCNT))
    {
        return "LZCNT";
    }
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & bit_AVX2))
    {
        return "AVX2";
    }
    if (!(b & bit_BMI))
    {
        return "BMI1";
    }
    if (!(b & bit_BMI2))
    {
        return "BMI2";
    }
    return NULL;
}

#if POSFLEET_X86_64_LEVEL >= 3 && defined(__GLIBC__)
/* Runs the x86-64-v2 build beside this binary; returns only if there is none (errno ENOENT) or it is this file. Any
   other failure to start it is said, and ends the process. /proc/self/exe names the file itself, not the link a tool
   install made. */
static void posfleet_run_portable_build(char **argv, char **envp, const char *missing)
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0)
    {
        return;
    }
    path[n] = '\0';
    char *name = strrchr(path, '/');
    if (name == NULL || strcmp(name + 1, POSFLEET_PORTABLE_NAME) == 0
        || (size_t)(name + 1 - path) + sizeof POSFLEET_PORTABLE_NAME > sizeof path)
    {
        return;
    }
    strcpy(name + 1, POSFLEET_PORTABLE_NAME);
    execve(path, argv, envp);
    int error = errno;
    if (error == ENOENT)
    {
        return;
    }
    fprintf(stderr, "posfleet: could not start %s, the build for processors without %s: %s\n", path, missing,
            strerror(error));
    _exit(1);
}
#endif

/* Priority 101, the first a program may use: before startup_pages.c's constructor and the runtime's initializers, so
   that nothing is set up for a process that is about to be replaced. glibc passes a constructor main's arguments and
   environment; musl does not, so there the x86-64-v2 build is not run in its place. */
__attribute__((constructor(101))) static void posfleet_check_cpu_level(int argc, char **argv, char **envp)
{
    (void)argc;
    (void)argv;
    (void)envp;
    const char *missing = posfleet_missing_feature(POSFLEET_X86_64_LEVEL);
    if (missing == NULL)
    {
        return;
    }

#if POSFLEET_X86_64_LEVEL >= 3
    const char *missing_v2 = posfleet_missing_feature(2);
    if (missing_v2 == NULL)
    {
#if defined(__GLIBC__)
        posfleet_run_portable_build(argv, envp, missing);
#endif
        fprintf(stderr,
                "posfleet: this processor lacks %s, which this build of posfleet needs (x86-64-v3). Use a build for "
                "x86-64-v2: 'dotnet tool install PosFleet.Cli' puts one beside its binary, and "
                "'dotnet publish -r linux-x64 -p:IlcInstructionSet=x86-64-v2' makes one.\n",
                missing);
        _exit(1);
    }
    missing = missing_v2;
#endif
    fprintf(stderr,
            "posfleet: this processor lacks %s, which the NativeAOT builds of posfleet need (x86-64-v2); the "
            "framework-dependent build, 'dotnet tool install PosFleet.Cli.any', runs wherever .NET does.\n",
            missing);
    _exit(1);
}
#endif
