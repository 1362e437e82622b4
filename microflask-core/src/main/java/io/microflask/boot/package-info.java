/**
 * Wires an {@code App} together: {@code CoreEngineFactory} is the service {@code App} finds with
 * {@code ServiceLoader}, and {@code CoreEngine} joins the dispatch runtime to the server and the
 * run loop (ports, secret key, bind fallbacks, banner, signals, drain) and provides the test
 * client's in-process transport, the configuration and {@code onClose} resources, and the reload by
 * factory; {@code Launcher} runs {@code App.run(factory, args)} (the factory, then the command
 * line) and finds the engine a factory made. This is the top of the layers: the public API never imports it,
 * so {@code io.microflask} depends on nothing behind it and the packages have no cycle.
 *
 * <p>May import: every core package.
 * <br>Imported by: nothing (found at run time through {@code META-INF/services}).
 */
package io.microflask.boot;
