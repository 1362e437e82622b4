/**
 * Starting and running a server for a person at a terminal: {@code Ports} (validation, free
 * ports), {@code FreePortFallback}, {@code BindFailures} (bind errors explained, with
 * {@code PortHolderLookup} naming the process on the port, {@code PrivilegedPortException}),
 * {@code Hosts} and {@code LanAddresses} (what a host means, which URLs reach it),
 * {@code Banner} (what {@code run} logs once listening), {@code RunOptions} (command line and
 * environment over code), {@code Environment} (the one reader of {@code MICROFLASK_*} variables),
 * {@code SecretKeys} (the key that signs sessions at start: refused without one in production,
 * a development key in the instance folder in debug mode), {@code ShutdownSignals} (Ctrl+C /
 * SIGTERM stop gracefully), {@code Configuration} (an app's {@code Config} from its properties
 * files, {@code .env} and {@code MICROFLASK_*}), {@code SettingsBinder} (config keys onto
 * {@code Settings}) and {@code Commands} (the command line, over its {@code Commands.Application}
 * view of the app), {@code TlsSetup} (the certificate a start serves), {@code HttpsBanner}
 * and {@code TerminalQrCodes} (the banner's certificate lines and QR codes; {@code QrCodeLibrary}
 * is the one class that touches the optional {@code io.nayuki:qrcodegen}).
 *
 * <p>May import: {@code io.microflask.server}, {@code io.microflask.tls}, the API model in
 * {@code io.microflask}, {@code io.microflask.util}; {@code io.nayuki.qrcodegen} in
 * {@code QrCodeLibrary} only, after checking that it is on the class path.
 * <br>Never imports: {@code App}, {@code dispatch}, {@code boot}.
 */
package io.microflask.run;
