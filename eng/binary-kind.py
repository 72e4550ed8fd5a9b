#!/usr/bin/env python3
"""What a packed file is built for, read from its headers (no tool of the target platform needed).

Usage: binary-kind.py FILE
Prints one line:
  elf ARCH LIBC      a 64-bit little-endian ELF executable or library; LIBC is glibc (it needs libc.so.6 or glibc's
                     loader), musl (it needs libc.so or libc.musl-*, or musl's loader; Android's bionic libc is also
                     named libc.so and reads as musl) or none
  pe ARCH r2r OS     a managed assembly with ReadyToRun code for ARCH and OS (windows, linux, osx, freebsd, netbsd)
  pe any il          a managed assembly of IL only
  pe ARCH native     a native Windows executable or library
  macho ARCH         a 64-bit Mach-O executable or library (not a universal one)
ARCH is x64, arm64, x86 (PE only), else the header's machine number (ELF: decimal, PE and Mach-O: hexadecimal).
Exits 1 for a file of none of these kinds.
"""
import struct
import sys


def elf(d):
    if d[4] != 2 or d[5] != 1:
        return None
    machine = struct.unpack_from("<H", d, 18)[0]
    arch = {62: "x64", 183: "arm64"}.get(machine, str(machine))
    phoff, = struct.unpack_from("<Q", d, 32)
    phentsize, phnum = struct.unpack_from("<HH", d, 54)
    loads, interp, dynamic = [], "", None
    for i in range(phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ = struct.unpack_from("<IIQQQQQQ", d, phoff + i * phentsize)
        if p_type == 1:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == 3:
            interp = d[p_offset:p_offset + p_filesz].rstrip(b"\0").decode()
        elif p_type == 2:
            dynamic = (p_offset, p_filesz)

    def offset(vaddr):
        for va, off, size in loads:
            if va <= vaddr < va + size:
                return off + vaddr - va
        return None

    needed, strtab = [], None
    if dynamic:
        for i in range(dynamic[1] // 16):
            tag, val = struct.unpack_from("<qQ", d, dynamic[0] + 16 * i)
            if tag == 0:
                break
            if tag == 1:
                needed.append(val)
            elif tag == 5:
                strtab = offset(val)
    names = []
    if strtab is not None:
        names = [d[strtab + n:d.index(b"\0", strtab + n)].decode() for n in needed]
    if "ld-musl" in interp or any(n == "libc.so" or n.startswith("libc.musl-") for n in names):
        libc = "musl"
    elif "ld-linux" in interp or "libc.so.6" in names:
        libc = "glibc"
    else:
        libc = "none"
    return f"elf {arch} {libc}"


def pe(d):
    pe_at = struct.unpack_from("<I", d, 0x3C)[0]
    # A ReadyToRun image for any system but Windows carries its machine XOR'd with that system's number.
    machine = struct.unpack_from("<H", d, pe_at + 4)[0]
    arch, system = hex(machine), "windows"
    for os_xor, name in ((0, "windows"), (0x7B79, "linux"), (0x4644, "osx"), (0xADC4, "freebsd"), (0x1993, "netbsd")):
        known = {0x8664: "x64", 0xAA64: "arm64", 0x14C: "x86"}.get(machine ^ os_xor)
        if known:
            arch, system = known, name
            break
    opt = pe_at + 24
    dirs = opt + (96 if struct.unpack_from("<H", d, opt)[0] == 0x10B else 112)
    cli_rva = struct.unpack_from("<I", d, dirs + 14 * 8)[0]
    if cli_rva == 0:
        return f"pe {arch} native"
    sections = opt + struct.unpack_from("<H", d, pe_at + 20)[0]
    for i in range(struct.unpack_from("<H", d, pe_at + 6)[0]):
        _, vsize, va, _, raw = struct.unpack_from("<8sIIII", d, sections + 40 * i)
        if va <= cli_rva < va + max(vsize, 1):
            # The CLI header's ManagedNativeHeader (64 bytes in) names the ReadyToRun code; an IL-only assembly's is 0.
            precompiled = struct.unpack_from("<I", d, raw + cli_rva - va + 64)[0]
            return f"pe {arch} r2r {system}" if precompiled else "pe any il"
    return "pe any il"


def macho(d):
    cputype = struct.unpack_from("<I", d, 4)[0]
    return "macho " + {0x01000007: "x64", 0x0100000C: "arm64"}.get(cputype, hex(cputype))


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 0 if len(sys.argv) == 2 else 2
    with open(sys.argv[1], "rb") as f:
        d = f.read()
    kind = None
    try:
        if d[:4] == b"\x7fELF":
            kind = elf(d)
        elif d[:2] == b"MZ":
            kind = pe(d)
        elif d[:4] == b"\xcf\xfa\xed\xfe":
            kind = macho(d)
    except (struct.error, ValueError, UnicodeDecodeError):
        kind = None
    if kind is None:
        print(f"binary-kind: {sys.argv[1]} is not a 64-bit little-endian ELF, a PE or a 64-bit Mach-O file, or is cut"
              " short", file=sys.stderr)
        return 1
    print(kind)
    return 0


if __name__ == "__main__":
    sys.exit(main())
