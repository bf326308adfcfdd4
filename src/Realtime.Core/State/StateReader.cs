using System.Buffers.Binary;
using System.Text;

namespace Realtime.Core.State;

/// <summary>Reads what <see cref="StateWriter"/> wrote; throws <see cref="FormatException"/> on truncated or corrupt input.</summary>
internal ref struct StateReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public byte Byte()
    {
        Need(1);
        return _bytes[_position++];
    }

    public int Int() => checked((int)Long());

    public long Long()
    {
        ulong v = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(v >> 1) ^ -(long)(v & 1);
            }
        }

        throw new FormatException("varint too long");
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
