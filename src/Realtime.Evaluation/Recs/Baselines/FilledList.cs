namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>A baseline's answer: its own ranked products first, then the fill list, without exclusions or duplicates.</summary>
internal static class FilledList
{
    public static List<string> Build(IEnumerable<string> ranked, IEnumerable<string> fill, IReadOnlySet<string> exclude, int count)
    {
        var result = new List<string>(count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var product in ranked.Concat(fill))
        {
            if (result.Count == count)
            {
                break;
            }

            if (!exclude.Contains(product) && taken.Add(product))
            {
                result.Add(product);
            }
        }

        return result;
    }
}
