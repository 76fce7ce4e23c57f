// Marks one symbol-version requirement of an ELF64 shared library as weak (VER_FLG_WEAK) so that
// the dynamic loader accepts a system library that lacks that version.
//
// Why: TorchSharp 0.107.0's libLibTorchSharp.so was linked with GCC 13 and requires
// GLIBCXX_3.4.32 from libstdc++. Debian 12 ships 3.4.30. The only symbol bound to that version is
// std::ios_base_library_init(), a link-time marker without relocations, so weakening the
// requirement is safe. This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (with the
// task class below) and by the test project (with NEURALPDE_ELF_PATCH_TESTS, patcher only).
#nullable enable
using System;
using System.IO;
using System.Text;

namespace NeuralPDE.Build
{
    /// <summary>Outcome of <see cref="ElfVersionPatcher.MarkWeak"/>.</summary>
    public enum ElfPatchResult
    {
        /// <summary>The requirement was strong and is now weak.</summary>
        Patched,
        /// <summary>The requirement was already weak; nothing was written.</summary>
        AlreadyWeak,
        /// <summary>The library does not require that version at all.</summary>
        NotRequired,
    }

    /// <summary>Pure ELF64 logic: find a Vernaux entry by version name and set its weak flag.</summary>
    public static class ElfVersionPatcher
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>True when <paramref name="libraryPath"/> defines the symbol version <paramref name="version"/>
        /// (for example a libstdc++ that provides GLIBCXX_3.4.32).</summary>
        public static bool DefinesVersion(string libraryPath, string version)
        {
            byte[] data = File.ReadAllBytes(libraryPath);
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(data, needle) >= 0;
        }

        /// <summary>Reads whether the requirement on <paramref name="version"/> is present and weak.</summary>
        public static ElfPatchResult Inspect(byte[] elf, string version)
        {
            int offset = FindVernaux(elf, version);
            if (offset < 0)
            {
                return ElfPatchResult.NotRequired;
            }
            ushort flags = BitConverter.ToUInt16(elf, offset + 4);
            return (flags & VerFlgWeak) != 0 ? ElfPatchResult.AlreadyWeak : ElfPatchResult.Patched;
        }

        /// <summary>Sets VER_FLG_WEAK on the requirement in place; returns what it found.</summary>
        public static ElfPatchResult MarkWeak(byte[] elf, string version)
        {
            int offset = FindVernaux(elf, version);
            if (offset < 0)
            {
                return ElfPatchResult.NotRequired;
            }
            ushort flags = BitConverter.ToUInt16(elf, offset + 4);
            if ((flags & VerFlgWeak) != 0)
            {
                return ElfPatchResult.AlreadyWeak;
            }
            flags |= VerFlgWeak;
            elf[offset + 4] = (byte)(flags & 0xff);
            elf[offset + 5] = (byte)(flags >> 8);
            return ElfPatchResult.Patched;
        }

        /// <summary>Patches a file: writes a sibling temporary file and renames it over the original, so a
        /// hard link into a package cache is never written through.</summary>
        public static ElfPatchResult MarkWeakFile(string path, string version)
        {
            byte[] data = File.ReadAllBytes(path);
            ElfPatchResult result = MarkWeak(data, version);
            if (result != ElfPatchResult.Patched)
            {
                return result;
            }
            string temp = path + ".weakening.tmp";
            File.WriteAllBytes(temp, data);
            File.Replace(temp, path, null);
            return result;
        }

        /// <summary>Byte offset of the Vernaux entry named <paramref name="version"/>, or -1.</summary>
        public static int FindVernaux(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            {
                throw new InvalidDataException("not an ELF file");
            }
            if (elf[4] != 2 || elf[5] != 1)
            {
                throw new InvalidDataException("only little-endian ELF64 is supported");
            }
            long shoff = BitConverter.ToInt64(elf, 0x28);
            int shentsize = BitConverter.ToUInt16(elf, 0x3A);
            int shnum = BitConverter.ToUInt16(elf, 0x3C);
            if (shoff <= 0 || shentsize < 64 || shoff + (long)shnum * shentsize > elf.Length)
            {
                throw new InvalidDataException("ELF section header table is missing or truncated");
            }
            for (int i = 0; i < shnum; i++)
            {
                int sh = checked((int)(shoff + (long)i * shentsize));
                uint type = BitConverter.ToUInt32(elf, sh + 4);
                if (type != ShtGnuVerneed)
                {
                    continue;
                }
                long offset = BitConverter.ToInt64(elf, sh + 0x18);
                uint link = BitConverter.ToUInt32(elf, sh + 0x28);
                uint count = BitConverter.ToUInt32(elf, sh + 0x2C);
                int strSh = checked((int)(shoff + (long)link * shentsize));
                long strOffset = BitConverter.ToInt64(elf, strSh + 0x18);
                long need = offset;
                for (uint n = 0; n < count; n++)
                {
                    ushort auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                    uint auxOffset = BitConverter.ToUInt32(elf, (int)need + 8);
                    uint next = BitConverter.ToUInt32(elf, (int)need + 12);
                    long aux = need + auxOffset;
                    for (int a = 0; a < auxCount; a++)
                    {
                        uint name = BitConverter.ToUInt32(elf, (int)aux + 8);
                        if (CStringEquals(elf, strOffset + name, version))
                        {
                            return (int)aux;
                        }
                        uint auxNext = BitConverter.ToUInt32(elf, (int)aux + 12);
                        if (auxNext == 0)
                        {
                            break;
                        }
                        aux += auxNext;
                    }
                    if (next == 0)
                    {
                        break;
                    }
                    need += next;
                }
            }
            return -1;
        }

        private static bool CStringEquals(byte[] data, long start, string value)
        {
            if (start + value.Length >= data.Length)
            {
                return false;
            }
            for (int i = 0; i < value.Length; i++)
            {
                if (data[start + i] != (byte)value[i])
                {
                    return false;
                }
            }
            return data[start + value.Length] == 0;
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            int last = haystack.Length - needle.Length;
            for (int i = 0; i <= last; i++)
            {
                if (haystack[i] != needle[0])
                {
                    continue;
                }
                int j = 1;
                while (j < needle.Length && haystack[i + j] == needle[j])
                {
                    j++;
                }
                if (j == needle.Length)
                {
                    return i;
                }
            }
            return -1;
        }
    }

#if !NEURALPDE_ELF_PATCH_TESTS
    /// <summary>MSBuild task: weaken the GLIBCXX requirement of each given library, only when the system
    /// libstdc++ lacks the version. Idempotent.</summary>
    public class WeakenGlibcxxRequirement : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        [Microsoft.Build.Framework.Required]
        public string Version { get; set; } = "";

        public override bool Execute()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
            {
                return true;
            }
            string? libstdcxx = FindSystemLibstdcxx();
            if (libstdcxx == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "NeuralPDE: no system libstdc++.so.6 found; leaving TorchSharp's native library as it is.");
                return true;
            }
            if (ElfVersionPatcher.DefinesVersion(libstdcxx, Version))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"NeuralPDE: {libstdcxx} provides {Version}; no patch needed.");
                return true;
            }
            foreach (var item in Libraries)
            {
                string path = item.ItemSpec;
                if (!File.Exists(path))
                {
                    continue;
                }
                ElfPatchResult result = ElfVersionPatcher.MarkWeakFile(path, Version);
                if (result == ElfPatchResult.Patched)
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, $"NeuralPDE: marked {Version} weak in {path} (system libstdc++ lacks it).");
                }
            }
            return true;
        }

        private static string? FindSystemLibstdcxx()
        {
            string[] candidates =
            {
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
                "/usr/lib64/libstdc++.so.6",
                "/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib/libstdc++.so.6",
            };
            foreach (string c in candidates)
            {
                if (File.Exists(c))
                {
                    return c;
                }
            }
            return null;
        }
    }
#endif
}
