/*
 * Linked into the x64 NativeAOT binary on Linux (see PosFleet.Cli.csproj), run before main and before the runtime.
 *
 * The binary is compiled for one instruction-set level (POSFLEET_X86_64_LEVEL: 3 for x86-64-v3, AVX2 and the rest; 2
 * for x86-64-v2). On a processor without it the runtime stops at start with "The required instruction sets are not
 * supported by the current CPU" and aborts (a core dump, exit 134). The processors of many tills and back-office boxes
 * lack AVX2 (Intel's Atom, Celeron and Pentium Silver lines up to Jasper Lake and Elkhart Lake, 2021). So, first:
 * - the x86-64-v3 binary runs its x86-64-v2 build where the processor lacks v3, when the tool package put one beside it
 *   (named POSFLEET_PORTABLE_NAME), with the same arguments, environment and process;
 * - otherwise, or where even v2 is missing, it says what is missing and what to do, and exits with 1.
 */
#if defined(__x86_64__) && defined(POSFLEET_X86_64_LEVEL)
#define _GNU_SOURCE
#include <cpuid.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef POSFLEET_PORTABLE_NAME
#define POSFLEET_PORTABLE_NAME "posfleet.x86-64-v2"
#endif

/* The features of each level that a processor reports (x86-64 psABI levels), the operating system's saving of the
   256-bit registers included. Returns the name of the first one missing, or NULL. */
static const char *posfleet_missing_feature(int level)
{
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
    {
        return "CPUID";
    }
    unsigned int c1 = c;
    if (!(c1 & bit_SSE3)) return "SSE3";
    if (!(c1 & bit_SSSE3)) return "SSSE3";
    if (!(c1 & bit_SSE4_1)) return "SSE4.1";
    if (!(c1 & bit_SSE4_2)) return "SSE4.2";
    if (!(c1 & bit_POPCNT)) return "POPCNT";
    if (!(c1 & bit_CMPXCHG16B)) return "CMPXCHG16B";
    if (!__get_cpuid(0x80000001, &a, &b, &c, &d) || !(c & bit_LAHF_LM)) return "LAHF-SAHF";
    if (level < 3)
    {
        return NULL;
    }
    unsigned int c8 = c;
    if (!(c1 & bit_AVX)) return "AVX";
    if (!(c1 & bit_OSXSAVE)) return "AVX (the system does not save its registers)";
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6) != 6) return "AVX (the system does not save its registers)";
    if (!(c1 & bit_FMA)) return "FMA";
    if (!(c1 & bit_F16C)) return "F16C";
    if (!(c1 & bit_MOVBE)) return "MOVBE";
    if (!(c8 & bit_LZCNT)) return "LZCNT";
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return "AVX2";
    if (!(b & bit_AVX2)) return "AVX2";
    if (!(b & bit_BMI)) return "BMI1";
    if (!(b & bit_BMI2)) return "BMI2";
    return NULL;
}

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
    /* The portable build beside this binary: /proc/self/exe names the file itself, not the link a tool install made. */
    if (posfleet_missing_feature(2) == NULL)
    {
        char path[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
        if (n > 0)
        {
            path[n] = '\0';
            char *slash = strrchr(path, '/');
            if (slash != NULL && (size_t)(slash + 1 - path) + sizeof POSFLEET_PORTABLE_NAME <= sizeof path)
            {
                strcpy(slash + 1, POSFLEET_PORTABLE_NAME);
                if (access(path, X_OK) == 0)
                {
                    execve(path, argv, envp);
                    fprintf(stderr, "posfleet: could not start %s, the build for processors without %s: ", path,
                            missing);
                    perror(NULL);
                    _exit(1);
                }
            }
        }
    }
#endif

#if POSFLEET_X86_64_LEVEL >= 3
    if (posfleet_missing_feature(2) == NULL)
    {
        fprintf(stderr,
                "posfleet: this processor lacks %s, which this build of posfleet needs (x86-64-v3). Use a build for "
                "x86-64-v2: 'dotnet tool install PosFleet.Cli' puts one beside its binary, and "
                "'dotnet publish -r linux-x64 -p:IlcInstructionSet=x86-64-v2' makes one.\n",
                missing);
        _exit(1);
    }
    missing = posfleet_missing_feature(2);
#endif
    fprintf(stderr,
            "posfleet: this processor lacks %s, which the NativeAOT builds of posfleet need (x86-64-v2); the "
            "framework-dependent build, 'dotnet tool install PosFleet.Cli.any', runs wherever .NET does.\n",
            missing);
    _exit(1);
}
#endif
