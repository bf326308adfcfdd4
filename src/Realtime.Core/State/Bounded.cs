namespace Realtime.Core.State;

/// <summary>Helpers for the capped lists in <see cref="CustomerState"/>.</summary>
internal static class Bounded
{
    /// <summary>Adds at the end, dropping the oldest (first) entries beyond <paramref name="cap"/>.</summary>
    public static void Append<T>(List<T> list, T item, int cap)
    {
        list.Add(item);
        if (list.Count > cap)
        {
            list.RemoveAt(0);
        }
    }

    /// <summary>Adds at the front, dropping the oldest (last) entries beyond <paramref name="cap"/>.</summary>
    public static void Prepend<T>(List<T> list, T item, int cap)
    {
        list.Insert(0, item);
        if (list.Count > cap)
        {
            list.RemoveAt(list.Count - 1);
        }
    }
}
