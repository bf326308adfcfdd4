namespace Realtime.Evaluation.Recs;

/// <summary>
/// A rough category for Online Retail products, which have none: the last word of the description that names a
/// kind of thing ("WHITE HANGING HEART T-LIGHT HOLDER" → HOLDER, "JUMBO BAG RED RETROSPOT" → RETROSPOT, a design
/// line), skipping colours, sizes and filler words that end many descriptions.
/// </summary>
internal static class ProductCategory
{
    private static readonly HashSet<string> s_skip = new(StringComparer.Ordinal)
    {
        "DESIGN", "DESIGNS", "SET", "OF", "AND", "THE", "WITH", "IN", "SMALL", "LARGE", "MEDIUM", "MINI", "JUMBO", "BIG",
        "PINK", "WHITE", "RED", "BLUE", "GREEN", "CREAM", "BLACK", "IVORY", "PURPLE", "ORANGE", "YELLOW", "GOLD", "SILVER",
        "BROWN", "GREY", "NATURAL", "CLEAR", "FINISH", "ASSORTED", "COLOUR", "COLOURS", "VINTAGE", "TIER", "S/4", "S/3", "S/6",
    };

    public static string FromDescription(string description)
    {
        var words = description.Split([' ', ',', '.', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = words.Length - 1; i >= 0; i--)
        {
            var word = words[i].ToUpperInvariant();
            if (word.Length > 1 && !s_skip.Contains(word) && !char.IsAsciiDigit(word[0]))
            {
                // Plural and singular are one category (BAG/BAGS, CANDLE/CANDLES).
                word = word.Length > 3 && word.EndsWith('S') && !word.EndsWith("SS", StringComparison.Ordinal) ? word[..^1] : word;
                return word.Length > 32 ? word[..32] : word;
            }
        }

        return "MISC";
    }
}
