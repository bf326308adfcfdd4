using System.Buffers.Binary;
using System.Text;

namespace Realtime.Core.State;

/// <summary>Append-only writer of varints, doubles and length-prefixed UTF-8 strings.</summary>
internal sealed class StateWriter(int capacity)
{
    private byte[] _buffer = new byte[capacity];
    private int _length;

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void Int(int value) => Long(value);

    /// <summary>Zig-zag varint: small and negative numbers stay short.</summary>
    public void Long(long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        Ensure(10);
        while (v >= 0x80)
        {
            _buffer[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }

        _buffer[_length++] = (byte)v;
    }

    public void Double(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Fixed64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Null is written as length -1, so null and "" stay distinct.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Long(-1);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        Long(byteCount);
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
