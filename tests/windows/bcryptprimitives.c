/* FOR THE WINE TESTS ONLY — NEVER SHIPPED. Wine 8.0 (Debian 12) has no bcryptprimitives.dll, which the Rust
 * standard library (1.78 and later) loads for ProcessPrng, its source of random bytes; without it no Rust program
 * starts under Wine. Real Windows 10 and 11 have the DLL. This stand-in gives ProcessPrng from RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. tests/windows/run.sh builds it with mingw into the test prefix's
 * system32; the installer never contains it. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
