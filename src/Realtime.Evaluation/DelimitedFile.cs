using System.Text;
using Sylvan.Data.Csv;

namespace Realtime.Evaluation;

/// <summary>
/// Opens the datasets' delimited files with Sylvan's RFC 4180 reader: quoted fields may hold the delimiter, doubled
/// quotes and line breaks, and a row may have fewer or more fields than the first (<see cref="CsvDataReader.RowFieldCount"/>).
/// </summary>
internal static class DelimitedFile
{
    /// <summary>
    /// A reader over <paramref name="path"/> split on <paramref name="delimiter"/>; with <paramref name="hasHeaders"/>
    /// the first row names the columns and is not returned as data. Comments are off ('\0' never occurs in text):
    /// Sylvan's default would drop a row, or a quoted field's continuation line, that starts with '#'.
    /// </summary>
    public static CsvDataReader Open(string path, char delimiter, bool hasHeaders, Encoding? encoding = null) =>
        CsvDataReader.Create(
            new StreamReader(path, encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: encoding is null),
            new CsvDataReaderOptions { Delimiter = delimiter, HasHeaders = hasHeaders, Comment = '\0' });
}
