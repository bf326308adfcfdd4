using System.Collections;
using System.Collections.ObjectModel;
using System.Data.Common;
using Realtime.Core.Audiences;

namespace Realtime.Host.Cli;

/// <summary>
/// Exported members as a forward-only <see cref="DbDataReader"/> of text columns (<see cref="AudienceColumns"/>), so
/// Sylvan's CSV writer streams them as the scan yields them. Only the asynchronous read is supported: the members come
/// from an asynchronous scan.
/// </summary>
internal sealed class AudienceDataReader(IAsyncEnumerator<AudienceMember> members) : DbDataReader, IDbColumnSchemaGenerator
{
    private static readonly ReadOnlyCollection<DbColumn> s_schema = AudienceColumns.Names.Select((name, i) => (DbColumn)new TextColumn(name, i)).ToList().AsReadOnly();

    private AudienceMember? _current;

    public override int FieldCount => AudienceColumns.Names.Length;

    public override bool HasRows => true;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _current = await members.MoveNextAsync() ? members.Current : null;
        return _current is not null;
    }

    public override bool Read() => throw new NotSupportedException("read the audience asynchronously (ReadAsync)");

    public override bool NextResult() => false;

    public override string GetName(int ordinal) => AudienceColumns.Names[ordinal];

    public override int GetOrdinal(string name) => Array.IndexOf(AudienceColumns.Names, name);

    public override string GetString(int ordinal) => AudienceColumns.Value(_current ?? throw new InvalidOperationException("no current row"), ordinal);

    public override object GetValue(int ordinal) => GetString(ordinal);

    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++)
        {
            values[i] = GetString(i);
        }

        return n;
    }

    public override bool IsDBNull(int ordinal) => false;

    /// <summary>The schema Sylvan's writer asks for: text columns, never null.</summary>
    public ReadOnlyCollection<DbColumn> GetColumnSchema() => s_schema;

    public override Type GetFieldType(int ordinal) => typeof(string);

    public override string GetDataTypeName(int ordinal) => "string";

    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    public override bool GetBoolean(int ordinal) => throw new NotSupportedException();

    public override byte GetByte(int ordinal) => throw new NotSupportedException();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override char GetChar(int ordinal) => throw new NotSupportedException();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var s = GetString(ordinal);
        if (buffer is null)
        {
            return s.Length;
        }

        var n = (int)Math.Max(0, Math.Min(length, s.Length - dataOffset));
        s.CopyTo((int)dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();

    public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();

    public override double GetDouble(int ordinal) => throw new NotSupportedException();

    public override float GetFloat(int ordinal) => throw new NotSupportedException();

    public override Guid GetGuid(int ordinal) => throw new NotSupportedException();

    public override short GetInt16(int ordinal) => throw new NotSupportedException();

    public override int GetInt32(int ordinal) => throw new NotSupportedException();

    public override long GetInt64(int ordinal) => throw new NotSupportedException();
}

/// <summary>One text column of the export.</summary>
internal sealed class TextColumn : DbColumn
{
    public TextColumn(string name, int ordinal)
    {
        ColumnName = name;
        ColumnOrdinal = ordinal;
        DataType = typeof(string);
        DataTypeName = "string";
        AllowDBNull = false;
    }
}
