namespace Realtime.Scoring.Registry;

/// <summary>Replaces small files atomically: write a temporary file beside the target, then rename over it.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Readers (API instances polling the pointer) see the old or the new content, never a torn write: a rename within
    /// one directory is atomic on POSIX file systems and on NTFS.
    /// </summary>
    public static void WriteAllText(string path, string content)
    {
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
