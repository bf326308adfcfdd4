using Realtime.Core.State;

namespace Realtime.Scoring.Registry;

/// <summary>
/// <c>training-customers.bin</c>: the customers a version was fitted and selected on (train and validation examples),
/// as sorted distinct 32-bit hashes of their ids (4 bytes a customer: 75 KB for CDNOW's 18,800). <c>realtime
/// evaluate</c> uses it to warn when the evaluated customers overlap them. A hash can collide, so an overlap count is an
/// estimate: with n evaluated and m training customers about n·m / 2³² false matches (0.02 for CDNOW).
/// </summary>
public sealed class TrainingCustomers
{
    private readonly uint[] _hashes;

    private TrainingCustomers(uint[] sortedHashes) => _hashes = sortedHashes;

    public int Count => _hashes.Length;

    public static TrainingCustomers Of(IEnumerable<string> customerIds) =>
        new(customerIds.Select(Hash).Distinct().Order().ToArray());

    public bool Contains(string customerId) => Array.BinarySearch(_hashes, Hash(customerId)) >= 0;

    /// <summary>Reads the file of <paramref name="folder"/>; null for versions trained before the file existed.</summary>
    public static TrainingCustomers? Read(string folder)
    {
        var path = Path.Combine(folder, ModelFiles.TrainingCustomers);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        var hashes = new uint[bytes.Length / sizeof(uint)];
        Buffer.BlockCopy(bytes, 0, hashes, 0, hashes.Length * sizeof(uint));
        return new TrainingCustomers(hashes);
    }

    public void Write(string folder)
    {
        var bytes = new byte[_hashes.Length * sizeof(uint)];
        Buffer.BlockCopy(_hashes, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(Path.Combine(folder, ModelFiles.TrainingCustomers), bytes);
    }

    private static uint Hash(string customerId)
    {
        var h = StableHash.Of(customerId);
        return (uint)(h ^ (h >> 32));
    }
}
