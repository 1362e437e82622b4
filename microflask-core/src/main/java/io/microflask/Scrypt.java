package io.microflask;

import java.security.GeneralSecurityException;

/**
 * scrypt (RFC 7914) over the JDK's PBKDF2-HMAC-SHA256, for {@link Passwords}: the JDK has no
 * scrypt, and Werkzeug 3 hashes passwords with it by default. Checked against RFC 7914's test
 * vectors and hashes made by Werkzeug.
 */
final class Scrypt {
    /** The memory one derivation may take (128 * N * r bytes): 256 MiB, eight times what Werkzeug's default takes. */
    private static final long MAX_MEMORY = 256L << 20;

    private Scrypt() {
    }

    static byte[] derive(String password, byte[] salt, int n, int r, int p, int keyLength)
            throws GeneralSecurityException {
        if (n < 2 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("scrypt's N must be a power of two above 1, not " + n);
        }
        if (128L * n * r > MAX_MEMORY || 128L * r * p > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("scrypt:" + n + ":" + r + ":" + p + " needs more memory than the "
                    + (MAX_MEMORY >> 20) + " MiB microflask allows one password check");
        }
        int blockWords = 32 * r;
        byte[] b = Passwords.pbkdf2("PBKDF2WithHmacSHA256", password, salt, 1, p * 128 * r * 8);
        int[] x = new int[blockWords];
        int[] y = new int[blockWords];
        int[] v = new int[n * blockWords];
        int[] scratch = new int[16];
        for (int i = 0; i < p; i++) {
            int offset = i * 128 * r;
            for (int k = 0; k < blockWords; k++) {
                x[k] = littleEndian(b, offset + 4 * k);
            }
            roMix(x, y, v, scratch, n, r);
            for (int k = 0; k < blockWords; k++) {
                int word = x[k];
                b[offset + 4 * k] = (byte) word;
                b[offset + 4 * k + 1] = (byte) (word >>> 8);
                b[offset + 4 * k + 2] = (byte) (word >>> 16);
                b[offset + 4 * k + 3] = (byte) (word >>> 24);
            }
        }
        return Passwords.pbkdf2("PBKDF2WithHmacSHA256", password, b, 1, keyLength * 8);
    }

    private static int littleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }

    /** scryptROMix: {@code x} in, {@code x} out; {@code y} and {@code v} are work space. */
    private static void roMix(int[] x, int[] y, int[] v, int[] scratch, int n, int r) {
        int blockWords = 32 * r;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, v, i * blockWords, blockWords);
            blockMix(x, y, scratch, r);
            System.arraycopy(y, 0, x, 0, blockWords);
        }
        for (int i = 0; i < n; i++) {
            int j = x[(2 * r - 1) * 16] & (n - 1);
            for (int k = 0; k < blockWords; k++) {
                x[k] ^= v[j * blockWords + k];
            }
            blockMix(x, y, scratch, r);
            System.arraycopy(y, 0, x, 0, blockWords);
        }
    }

    /** scryptBlockMix of {@code in} into {@code out}: even blocks to the first half, odd ones to the second. */
    private static void blockMix(int[] in, int[] out, int[] block, int r) {
        System.arraycopy(in, (2 * r - 1) * 16, block, 0, 16);
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                block[k] ^= in[i * 16 + k];
            }
            salsa20x8(block);
            System.arraycopy(block, 0, out, (i / 2 + (i % 2) * r) * 16, 16);
        }
    }

    private static void salsa20x8(int[] b) {
        int x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
        int x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (int i = 0; i < 8; i += 2) {
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
        b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
    }
}
