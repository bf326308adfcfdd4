using System.Buffers.Binary;
using System.Text;

namespace Realtime.Core.State;

/// <summary>Reads what <see cref="StateWriter"/> wrote; throws <see cref="FormatException"/> on truncated or corrupt input.</summary>
internal ref struct StateReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;
    private List<string>? _strings;

    public byte Byte()
    {
        Need(1);
        return _bytes[_position++];
    }

    public int Int() => checked((int)Long());

    public long Long()
    {
        var v = UnsignedLong();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public ulong UnsignedLong()
    {
        ulong v = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
        }

        throw new FormatException("varint too long");
    }

    /// <summary>Reads what <see cref="StateWriter.InternedString"/> wrote.</summary>
    public string? InternedString()
    {
        var tag = UnsignedLong();
        if (tag == 0)
        {
            return null;
        }

        _strings ??= new List<string>(16);
        if ((tag & 1) == 0)
        {
            var index = (tag >> 1) - 1;
            return index < (ulong)_strings.Count ? _strings[(int)index] : throw new FormatException("string reference out of range");
        }

        var length = tag >> 1;
        if (length > int.MaxValue)
        {
            throw new FormatException("string too long");
        }

        Need((int)length);
        var value = Encoding.UTF8.GetString(_bytes.Slice(_position, (int)length));
        _position += (int)length;
        _strings.Add(value);
        return value;
    }

    /// <summary>Reads what <see cref="StateWriter.Time"/> wrote.</summary>
    public long Time(long reference)
    {
        var v = UnsignedLong();
        if (v == 0)
        {
            return 0;
        }

        v--;
        return reference - ((long)(v >> 1) ^ -(long)(v & 1));
    }

    /// <summary>Reads what <see cref="StateWriter.Money"/> wrote.</summary>
    public double Money()
    {
        var tag = UnsignedLong();
        if (tag == 1)
        {
            return Double();
        }

        if ((tag & 1) == 1)
        {
            throw new FormatException("malformed amount");
        }

        var z = tag >> 1;
        return ((long)(z >> 1) ^ -(long)(z & 1)) / 100.0;
    }

    public double Double()
    {
        Need(8);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_bytes[_position..]);
        _position += 8;
        return value;
    }

    public ulong Fixed64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_bytes[_position..]);
        _position += 8;
        return value;
    }

    public string? String()
    {
        var length = Long();
        if (length < 0)
        {
            return null;
        }

        Need((int)length);
        var value = Encoding.UTF8.GetString(_bytes.Slice(_position, (int)length));
        _position += (int)length;
        return value;
    }

    /// <summary>A list length, checked against the list's cap so corrupt bytes cannot allocate wildly.</summary>
    public int Count(int cap)
    {
        var n = Int();
        return n < 0 || n > cap ? throw new FormatException($"list length {n} outside 0..{cap}") : n;
    }

    private readonly void Need(int n)
    {
        if (n < 0 || _position + n > _bytes.Length)
        {
            throw new FormatException("customer state is truncated");
        }
    }
}
