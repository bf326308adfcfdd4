using System.Buffers.Binary;
using System.Text;

namespace Realtime.Core.State;

/// <summary>
/// Append-only writer of varints, doubles and length-prefixed UTF-8 strings. One instance per thread is reused
/// (<see cref="Rent"/>), so encoding allocates only the final array.
/// </summary>
internal sealed class StateWriter(int capacity)
{
    [ThreadStatic]
    private static StateWriter? s_threadWriter;

    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[capacity];
    private int _length;

    /// <summary>This thread's writer, emptied.</summary>
    public static StateWriter Rent()
    {
        var w = s_threadWriter ??= new StateWriter(1024);
        w._length = 0;
        w._strings.Clear();
        return w;
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void Int(int value) => Long(value);

    /// <summary>Zig-zag varint: small and negative numbers stay short.</summary>
    public void Long(long value) => UnsignedLong((ulong)((value << 1) ^ (value >> 63)));

    public void UnsignedLong(ulong v)
    {
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

    /// <summary>
    /// Version 2 strings: tag 0 = null; odd tag = a new string of (tag >> 1) UTF-8 bytes; even tag = the
    /// ((tag >> 1) - 1)-th string already written in this encoding (categories and product ids repeat across lists).
    /// </summary>
    public void InternedString(string? value)
    {
        if (value is null)
        {
            UnsignedLong(0);
            return;
        }

        if (_strings.TryGetValue(value, out var index))
        {
            UnsignedLong((ulong)(index + 1) << 1);
            return;
        }

        _strings[value] = _strings.Count;
        var byteCount = Encoding.UTF8.GetByteCount(value);
        UnsignedLong(((ulong)byteCount << 1) | 1);
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Version 2 times: 0 (never) stays 0; otherwise 1 + zig-zag of the distance to <paramref name="reference"/> (shorter than the absolute time).</summary>
    public void Time(long ms, long reference) =>
        UnsignedLong(ms == 0 ? 0 : ((ulong)(((reference - ms) << 1) ^ ((reference - ms) >> 63))) + 1);

    /// <summary>
    /// Version 2 amounts, exact: a value that is a whole number of cents (and reproduces bit for bit from them) is
    /// written as (zig-zag cents) &lt;&lt; 1; anything else as tag 1 followed by the raw 8-byte double.
    /// </summary>
    public void Money(double value)
    {
        if (Math.Abs(value) < 1e13 && !(value == 0 && double.IsNegative(value)))
        {
            var cents = (long)Math.Round(value * 100);
            if (cents / 100.0 == value)
            {
                UnsignedLong((ulong)((cents << 1) ^ (cents >> 63)) << 1);
                return;
            }
        }

        UnsignedLong(1);
        Double(value);
    }

    /// <summary>Bytes written since <see cref="Rent"/>.</summary>
    public int Length => _length;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
