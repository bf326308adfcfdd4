using System.Buffers.Binary;

namespace Realtime.Core.State;

/// <summary>
/// Version 4 of the state layout: version 3's fields, then the contact fields of <c>customer_registered</c>:
/// <see cref="CustomerState.BirthdayMonthDay"/> (0 = unknown), <see cref="CustomerState.Country"/>, and
/// <see cref="CustomerState.EmailSha256"/> as a presence byte and, when present, its 32 raw bytes (half the hex text).
/// States of versions 1–3 decode with no contact fields.
/// </summary>
internal static class StateCodecV4
{
    private const int DigestBytes = 32;

    public static void Write(StateWriter w, CustomerState s)
    {
        StateCodecV3.Write(w, s);
        w.Int(s.BirthdayMonthDay);
        w.String(s.Country);
        if (s.EmailSha256 is not { } hex)
        {
            w.Byte(0);
            return;
        }

        w.Byte(1);
        Span<byte> digest = stackalloc byte[DigestBytes];
        Convert.FromHexString(hex, digest, out _, out _);
        for (var i = 0; i < DigestBytes; i += 8)
        {
            w.Fixed64(BinaryPrimitives.ReadUInt64LittleEndian(digest[i..]));
        }
    }

    public static CustomerState Decode(string customerId, ref StateReader r)
    {
        var s = StateCodecV3.Decode(customerId, ref r);
        s.BirthdayMonthDay = r.Int();
        s.Country = r.String();
        if (r.Byte() == 0)
        {
            return s;
        }

        Span<byte> digest = stackalloc byte[DigestBytes];
        for (var i = 0; i < DigestBytes; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(digest[i..], r.Fixed64());
        }

        s.EmailSha256 = Convert.ToHexStringLower(digest);
        return s;
    }
}
