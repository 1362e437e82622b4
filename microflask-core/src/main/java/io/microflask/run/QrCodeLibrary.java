package io.microflask.run;

import io.nayuki.qrcodegen.QrCode;

/**
 * The one class that touches the optional {@code io.nayuki:qrcodegen} library. Loaded only after
 * {@link TerminalQrCodes#libraryPresent()} has found it, so that core runs without it.
 */
final class QrCodeLibrary {
    private QrCodeLibrary() {
    }

    /**
     * The modules of the smallest QR code holding {@code text}, {@code [y][x]}, true where dark:
     * error correction level L at least (raised while the code stays the same size).
     */
    static boolean[][] modules(String text) {
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.LOW);
        boolean[][] modules = new boolean[code.size][code.size];
        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                modules[y][x] = code.getModule(x, y);
            }
        }
        return modules;
    }
}
