package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as a command of the app's command line, as Flask's
 * {@code @app.cli.command("init-db")}: with the app made by {@link App#run(App.Factory, String[])},
 * {@code java ... MyApp init-db} (or {@code mvn exec:java -Dexec.args=init-db}) builds the app with
 * its factory, configured as for serving, calls the method, and exits.
 *
 * <p>The method is on a registered object (or one of a blueprint's), or a static method of the
 * factory's class. It may take {@link App}, {@link Config}, {@code String[]} (the arguments after
 * the command's name) and {@link java.io.PrintStream} (standard output), in any order, and returns
 * {@code void} or an {@code int} exit status. {@code --help} lists every command with its
 * {@link #help()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Command {
    /** The command's name, e.g. {@code "init-db"}. */
    String value();

    /** One line for {@code --help}, e.g. {@code "Create the database tables (drops existing data)"}. */
    String help() default "";
}
