namespace GroundStation.Protocol
{
    /// <summary>
    /// UTF-8 for command lines, replies and identity strings, written out so the protocol needs nothing beyond
    /// mscorlib (nanoFramework keeps Encoding in the separate System.Text package) and decodes the same bytes the same
    /// way on both targets. Invalid input decodes like the desktop's Encoding.UTF8: each maximal ill-formed subpart
    /// (Unicode 15, section 3.9, table 3-7) becomes one U+FFFD; a lone surrogate encodes as U+FFFD.
    /// </summary>
    public static class Utf8
    {
        private const char Replacement = '\uFFFD';

        /// <summary>The UTF-8 bytes of <paramref name="text"/> (null encodes as nothing).</summary>
        public static byte[] GetBytes(string text)
        {
            if (text == null)
            {
                return new byte[0];
            }

            byte[] bytes = new byte[EncodedLength(text)];
            int at = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int codePoint = CodePointAt(text, i);
                if (codePoint > 0xFFFF)
                {
                    i++; // the low surrogate was consumed with the high one
                }

                at = Put(bytes, at, codePoint);
            }

            return bytes;
        }

        /// <summary>Decodes <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        public static string GetString(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            int length = 0;
            int end = offset + count;
            int at = offset;
            while (at < end)
            {
                int lead = buffer[at];
                if (lead < 0x80)
                {
                    chars[length++] = (char)lead;
                    at++;
                    continue;
                }

                int needed;
                int codePoint;
                int low = 0x80;
                int high = 0xBF;
                if (lead >= 0xC2 && lead <= 0xDF)
                {
                    needed = 1;
                    codePoint = lead & 0x1F;
                }
                else if (lead >= 0xE0 && lead <= 0xEF)
                {
                    needed = 2;
                    codePoint = lead & 0x0F;
                    low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
                    high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
                }
                else if (lead >= 0xF0 && lead <= 0xF4)
                {
                    needed = 3;
                    codePoint = lead & 0x07;
                    low = lead == 0xF0 ? 0x90 : 0x80;   // no overlong forms
                    high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
                }
                else
                {
                    chars[length++] = Replacement;
                    at++;
                    continue;
                }

                at++;
                bool complete = true;
                for (int k = 0; k < needed; k++)
                {
                    int next = at < end ? buffer[at] : -1;
                    if (next < low || next > high)
                    {
                        complete = false;
                        break; // the maximal subpart ends before this byte, which is decoded afresh
                    }

                    codePoint = (codePoint << 6) | (next & 0x3F);
                    low = 0x80;
                    high = 0xBF;
                    at++;
                }

                if (!complete)
                {
                    chars[length++] = Replacement;
                }
                else if (codePoint > 0xFFFF)
                {
                    codePoint -= 0x10000;
                    chars[length++] = (char)(0xD800 + (codePoint >> 10));
                    chars[length++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[length++] = (char)codePoint;
                }
            }

            return new string(chars, 0, length);
        }

        private static int EncodedLength(string text)
        {
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int codePoint = CodePointAt(text, i);
                if (codePoint > 0xFFFF)
                {
                    i++;
                    length += 4;
                }
                else
                {
                    length += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : 3;
                }
            }

            return length;
        }

        /// <summary>The code point at <paramref name="i"/>: a surrogate pair combined, a lone surrogate as U+FFFD.</summary>
        private static int CodePointAt(string text, int i)
        {
            int c = text[i];
            if (c < 0xD800 || c > 0xDFFF)
            {
                return c;
            }

            if (c <= 0xDBFF && i + 1 < text.Length)
            {
                int next = text[i + 1];
                if (next >= 0xDC00 && next <= 0xDFFF)
                {
                    return 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
                }
            }

            return Replacement;
        }

        private static int Put(byte[] bytes, int at, int codePoint)
        {
            if (codePoint < 0x80)
            {
                bytes[at++] = (byte)codePoint;
            }
            else if (codePoint < 0x800)
            {
                bytes[at++] = (byte)(0xC0 | (codePoint >> 6));
                bytes[at++] = (byte)(0x80 | (codePoint & 0x3F));
            }
            else if (codePoint < 0x10000)
            {
                bytes[at++] = (byte)(0xE0 | (codePoint >> 12));
                bytes[at++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                bytes[at++] = (byte)(0x80 | (codePoint & 0x3F));
            }
            else
            {
                bytes[at++] = (byte)(0xF0 | (codePoint >> 18));
                bytes[at++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                bytes[at++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                bytes[at++] = (byte)(0x80 | (codePoint & 0x3F));
            }

            return at;
        }
    }
}
