namespace Realtime.Core.State;

/// <summary>
/// Compact, versioned binary encoding of <see cref="CustomerState"/> (the customer id is the Redis key, not part of
/// the bytes). The first byte is the format version; <see cref="Decode"/> reads every version ever written, so
/// state written by an older build still loads after an upgrade. To change the layout: add a new version number,
/// keep the old decoder, and add a golden-bytes test for the old version.
/// <list type="bullet">
/// <item>Version 1 (<see cref="StateCodecV1"/>): absolute times, raw doubles, plain strings. Decode only now.</item>
/// <item>Version 2 (<see cref="StateCodecV2"/>): the same fields, about a fifth smaller (times relative to the last
/// activity, amounts in exact cents when they are whole cents, repeated strings as back-references). Still exact.</item>
/// <item>Version 3 (<see cref="StateCodecV3"/>): version 2 followed by the remembered orders (id hash, amount,
/// refunded), for order-id deduplication and the refund clamp.</item>
/// <item>Version 4 (<see cref="StateCodecV4"/>): version 3 followed by the contact fields of <c>customer_registered</c>
/// (birthday, country, email hash).</item>
/// </list>
/// </summary>
public static class StateCodec
{
    /// <summary>The version <see cref="Encode"/> writes.</summary>
    public const byte CurrentVersion = 4;

    public static byte[] Encode(CustomerState s)
    {
        var w = StateWriter.Rent();
        w.Byte(CurrentVersion);
        StateCodecV4.Write(w, s);
        return w.ToArray();
    }

    /// <summary>The length of <see cref="Encode"/>'s result, without allocating it.</summary>
    public static int EncodedLength(CustomerState s)
    {
        var w = StateWriter.Rent();
        w.Byte(CurrentVersion);
        StateCodecV4.Write(w, s);
        return w.Length;
    }

    /// <summary>Decodes bytes written by any version of <see cref="Encode"/>. Throws <see cref="FormatException"/> on corrupt input.</summary>
    public static CustomerState Decode(string customerId, ReadOnlySpan<byte> bytes)
    {
        var r = new StateReader(bytes);
        return r.Byte() switch
        {
            1 => StateCodecV1.Decode(customerId, ref r),
            2 => StateCodecV2.Decode(customerId, ref r),
            3 => StateCodecV3.Decode(customerId, ref r),
            4 => StateCodecV4.Decode(customerId, ref r),
            var version => throw new FormatException($"unknown customer state version {version}"),
        };
    }
}
