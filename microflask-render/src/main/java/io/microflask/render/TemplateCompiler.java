package io.microflask.render;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.ObjectHandler;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.ExtendCode;
import com.github.mustachejava.codes.ExtendNameCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.PartialCode;
import io.microflask.util.Html;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles templates found by a {@link TemplateLocator} and keeps them, turning Mustache's errors
 * into {@link TemplateException}s that name the file and the line. One instance lives as long as
 * the app in caching mode; in fresh-read mode each render uses a new one.
 */
final class TemplateCompiler extends DefaultMustacheFactory {
    private static final Pattern CONTEXT_SUFFIX = Pattern.compile("\\s*@\\[[^\\]]*\\]\\s*$");
    private static final Pattern UNCLOSED_SECTION = Pattern.compile("Failed to close '(.*)' tag");
    private static final Pattern MISMATCHED = Pattern.compile("Mismatched start/end tags: (.*) != (.*) in .*");
    private static final String ILLEGAL_IN_LAYOUT = "Illegal code in extend section";

    private final TemplateLocator locator;
    // Ready templates, read without a lock: Mustache's own cache calls a synchronized init() on
    // every look-up, which would serialise concurrent renders of the same page.
    private final Map<String, Mustache> ready = new ConcurrentHashMap<>();

    TemplateCompiler(TemplateLocator locator, ObjectHandler objectHandler) {
        super(locator);
        this.locator = locator;
        setObjectHandler(objectHandler);
    }

    TemplateLocator locator() {
        return locator;
    }

    /** The compiled template {@code file} (a name relative to {@code templates/}, with its extension). */
    Mustache template(String file) {
        Mustache mustache = ready.get(file);
        if (mustache != null) {
            return mustache;
        }
        try {
            mustache = compile(file);
        } catch (RuntimeException e) {
            // Mustache caches a template before it links its partials and marks it initialised,
            // so a failed template would come back half-built next time: forget it.
            mustacheCache.remove(file);
            throw translate(e, file);
        }
        ready.put(file, mustache);
        return mustache;
    }

    /**
     * A template given as text ({@link RenderExtension#renderString}): compiled each time, never
     * cached (the text may be anything); its partials and layouts are found from the templates root.
     */
    Mustache fromString(String text) {
        try {
            return compile(new StringReader(text), TemplateLocator.STRING_TEMPLATE);
        } catch (RuntimeException e) {
            throw translate(e, TemplateLocator.STRING_TEMPLATE);
        }
    }

    /**
     * Escapes only {@code & < > " '}, as Jinja (markupsafe) does and as this module's README says:
     * Mustache.java's own escaper also rewrites newlines, tabs, {@code =} and backticks, so
     * {@code "a\nb"} came out as {@code a&#10;b}. Inside a lambda section that wants its values raw
     * (url_for, the app's lambdas), a value is kept aside instead (see {@link RawValues}).
     */
    @Override
    public void encode(String value, Writer writer) {
        String placeholder = RawValues.placeholder(value);
        try {
            writer.write(placeholder != null ? placeholder : Html.escape(value));
        } catch (IOException e) {
            throw new MustacheException("Failed to encode value: " + value, e);
        }
    }

    /**
     * {@code {{>name}}} and {@code {{<name}}} next to the including template, as Mustache.java
     * resolves them, else from the templates root, as Jinja's {@code {% extends 'base.html' %}}:
     * a page in {@code auth/} may name {@code layout} for {@code templates/layout.mustache}.
     */
    @Override
    public String resolvePartialPath(String dir, String name, String extension) {
        String beside = super.resolvePartialPath(dir, name, extension);
        if (dir.isEmpty() || name.startsWith("/") || locator.exists(beside)) {
            return beside;
        }
        String fromRoot = super.resolvePartialPath("", name, extension);
        return locator.exists(fromRoot) ? fromRoot : beside;
    }

    private RuntimeException translate(RuntimeException e, String file) {
        if (e instanceof TemplateException) {
            return e;
        }
        if (e instanceof MustacheNotFoundException missing) {
            if (sameName(missing.getName(), file)) {
                return notFound(file, null, "");
            }
            // Includes are translated where they happen (IncludeCode, LayoutCode); this is a
            // kind of include Mustache resolved on its own.
            return notFound(missing.getName(), null, " (needed while compiling " + describe(file) + ")");
        }
        if (e instanceof MustacheException mustache) {
            return syntaxError(mustache, file);
        }
        return e;
    }

    TemplateNotFoundException notFound(String name, TemplateContext includer, String tag) {
        String normalized = TemplateLocator.normalize(name);
        String template = normalized != null ? normalized : name;
        List<String> searched = locator.searchedLocations(name);
        TemplateLocator.Source includerSource = includer == null ? null : locator.source(includer.file());
        String includedFrom = includerSource == null ? null : includerSource.description();
        StringBuilder message = new StringBuilder("Template not found: ").append(template);
        if (includer != null) {
            message.append(", wanted by ").append(tag).append(" in ").append(includedFrom)
                    .append(" line ").append(includer.line());
        } else {
            message.append(tag);
        }
        message.append(". Searched:");
        for (String location : searched) {
            message.append("\n  ").append(location);
        }
        message.append("\nCreate the file in src/main/resources/").append(TemplateLocator.CLASSPATH_ROOT)
                .append("/ or correct the name");
        if (template.startsWith(TemplateLocator.CLASSPATH_ROOT + "/")) {
            message.append(" (names are relative to ").append(TemplateLocator.CLASSPATH_ROOT)
                    .append("/: drop the leading '").append(TemplateLocator.CLASSPATH_ROOT).append("/')");
        }
        message.append('.');
        return new TemplateNotFoundException(message.toString(), template, searched, includedFrom,
                includer == null ? 0 : includer.line(), includerSource == null ? null : includerSource.file());
    }

    private TemplateSyntaxException syntaxError(MustacheException e, String topFile) {
        TemplateContext context = e.getContext();
        String detail = explain(CONTEXT_SUFFIX.matcher(String.valueOf(e.getMessage())).replaceFirst(""));
        if (context == null) {
            TemplateLocator.Source source = locator.source(topFile);
            return new TemplateSyntaxException("Template syntax error in " + source.description()
                    + " or a template it includes: " + detail, topFile, source.description(), 0, source.file(), e);
        }
        return syntaxError(context, detail, e);
    }

    TemplateSyntaxException syntaxError(TemplateContext context, String detail, Throwable cause) {
        TemplateLocator.Source source = locator.source(context.file());
        return new TemplateSyntaxException("Template syntax error in " + source.description() + " line "
                + context.line() + ": " + detail, normalized(context.file()), source.description(), context.line(),
                source.file(), cause);
    }

    /** A failure while a compiled template runs: names the file and line, keeps the model's exception as cause. */
    RuntimeException renderFailure(RuntimeException e, String topFile) {
        if (e instanceof TemplateException || !(e instanceof MustacheException mustache)) {
            return e;
        }
        Throwable cause = rootCause(mustache);
        TemplateContext context = mustache.getContext();
        String file = context != null ? context.file() : topFile;
        TemplateLocator.Source source = locator.source(file);
        String detail = CONTEXT_SUFFIX.matcher(String.valueOf(mustache.getMessage())).replaceFirst("");
        String message = "Rendering " + source.description()
                + (context != null ? " failed at line " + context.line() : " (or a template it includes) failed")
                + ": " + detail + (cause != mustache ? ": " + cause : "");
        return new TemplateRenderException(message, normalized(file), source.description(),
                context != null ? context.line() : 0, source.file(), cause);
    }

    private static Throwable rootCause(MustacheException e) {
        Throwable current = e;
        while ((current instanceof MustacheException || current instanceof InvocationTargetException)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    /** Mustache.java's terse parser messages, said with the fix. */
    private static String explain(String detail) {
        Matcher unclosed = UNCLOSED_SECTION.matcher(detail);
        if (unclosed.lookingAt()) {
            String name = unclosed.group(1);
            return "the section '" + name + "' opened here ({{#" + name + "}}, {{^" + name + "}}, {{$" + name
                    + "}} or {{<" + name + "}}) is never closed: add {{/" + name + "}}";
        }
        Matcher mismatched = MISMATCHED.matcher(detail);
        if (mismatched.lookingAt()) {
            return "{{/" + mismatched.group(2) + "}} does not match the open section '" + mismatched.group(1)
                    + "': close sections in the reverse order they were opened, here with {{/"
                    + mismatched.group(1) + "}}";
        }
        if (detail.startsWith("Improperly closed variable")) {
            return detail + ": a tag is missing its closing braces ({{name}} needs }}, {{{name}}} needs }}})";
        }
        return detail;
    }

    private String describe(String file) {
        return locator.source(file).description();
    }

    private static String normalized(String file) {
        String normalized = TemplateLocator.normalize(file);
        return normalized != null ? normalized : file;
    }

    private static boolean sameName(String a, String b) {
        String left = TemplateLocator.normalize(a);
        return left != null && left.equals(TemplateLocator.normalize(b));
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
        return new DefaultMustacheVisitor(this) {
            @Override
            public void partial(TemplateContext tc, String variable, String indent) {
                TemplateContext context = new TemplateContext("{{", "}}", tc.file(), tc.line(), tc.startOfLine());
                list.add(new IncludeCode(context, TemplateCompiler.this, variable));
            }

            @Override
            public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                list.add(new LambdaAwareSection(tc, TemplateCompiler.this, mustache, variable));
            }

            @Override
            public void extend(TemplateContext tc, String variable, Mustache mustache) {
                list.add(new LayoutCode(tc, TemplateCompiler.this, mustache, variable));
            }
        };
    }

    /**
     * {@code {{#name}}...{{/name}}}; when {@code name} is a lambda that wants raw values
     * ({@link RawValues.Lambda}: url_for, the app's lambdas), its body is rendered with the values
     * kept aside and the lambda's HTML is written as it is.
     */
    private static final class LambdaAwareSection extends IterableCode {
        LambdaAwareSection(TemplateContext tc, TemplateCompiler compiler, Mustache mustache, String variable) {
            super(tc, compiler, mustache, variable);
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected Writer handleFunction(Writer writer, Function function, List<Object> scopes) {
            if (!(function instanceof RawValues.Lambda lambda)) {
                return super.handleFunction(writer, function, scopes);
            }
            RawValues body = RawValues.render(out -> run(out, scopes));
            String html;
            try {
                html = lambda.apply(body);
            } catch (RuntimeException e) {
                throw new MustacheException("Function failure", e, tc);
            }
            try {
                writer.write(html == null ? "" : html);
            } catch (IOException e) {
                throw new MustacheException("Failed to write function result", e, tc);
            }
            return writer;
        }
    }

    /** {@code {{>partial}}}: a missing partial names the template and line that included it. */
    private static final class IncludeCode extends PartialCode {
        private final TemplateCompiler compiler;

        IncludeCode(TemplateContext tc, TemplateCompiler compiler, String variable) {
            super(tc, compiler, variable);
            this.compiler = compiler;
        }

        @Override
        public synchronized void init() {
            try {
                super.init();
            } catch (MustacheNotFoundException e) {
                throw sameName(e.getName(), partialName()) ? compiler.notFound(e.getName(), tc, "{{>" + name + "}}")
                        : e;
            }
        }
    }

    /**
     * {@code {{<layout}}...{{/layout}}}: a missing layout names the template that extends it, and
     * anything but {@code {{$block}}} sections inside the tag is a syntax error at its line.
     */
    private static final class LayoutCode extends ExtendCode {
        private final TemplateCompiler compiler;

        LayoutCode(TemplateContext tc, TemplateCompiler compiler, Mustache body, String name) {
            super(tc, compiler, body, name);
            this.compiler = compiler;
        }

        @Override
        public synchronized void init() {
            hoistNestedBlocks();
            try {
                super.init();
            } catch (MustacheNotFoundException e) {
                throw sameName(e.getName(), partialName()) ? compiler.notFound(e.getName(), tc, "{{<" + name + "}}")
                        : e;
            } catch (IllegalArgumentException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith(ILLEGAL_IN_LAYOUT)) {
                    throw e;
                }
                throw compiler.syntaxError(tc, "between {{<" + name + "}} and {{/" + name + "}} only {{$block}}..."
                        + "{{/block}} sections (and comments) may appear, but there is " + kindOf(e.getMessage())
                        + ". Move it into a {{$block}} section that the layout '" + name + "' declares", e);
            }
        }

        /**
         * Mustache.java replaces only the layout blocks a page overrides at its top level, so a
         * {@code {{$scripts}}} written inside the page's {@code {{$content}}} never reached the
         * layout's {@code {{$scripts}}}. As in Jinja, a block the page defines anywhere overrides the
         * layout's block of that name (and still shows where it is written); one at the top level
         * wins over a nested one of the same name.
         */
        private void hoistNestedBlocks() {
            Code[] codes = mustache.getCodes();
            List<Code> nested = new ArrayList<>();
            for (Code code : codes) {
                if (code instanceof ExtendNameCode) {
                    collectBlocks(code.getCodes(), nested);
                }
            }
            if (!nested.isEmpty()) {
                List<Code> all = new ArrayList<>(nested);
                all.addAll(List.of(codes));
                mustache.setCodes(all.toArray(new Code[0]));
            }
        }

        private static void collectBlocks(Code[] codes, List<Code> found) {
            if (codes == null) {
                return;
            }
            for (Code code : codes) {
                if (code instanceof PartialCode) {
                    continue; // another template's blocks are its own
                }
                if (code instanceof ExtendNameCode) {
                    found.add(code);
                }
                collectBlocks(code.getCodes(), found);
            }
        }

        private static String kindOf(String message) {
            String type = message.substring(Math.max(message.lastIndexOf('.'), message.lastIndexOf('$')) + 1);
            switch (type) {
                case "ValueCode":
                    return "a value tag such as {{name}}";
                case "IterableCode":
                    return "a section {{#...}}";
                case "NotIterableCode":
                    return "an inverted section {{^...}}";
                case "IncludeCode":
                case "PartialCode":
                    return "a partial {{>...}}";
                case "LayoutCode":
                case "ExtendCode":
                    return "another layout tag {{<...}}";
                default:
                    return "a tag Mustache cannot place (" + type + ")";
            }
        }
    }
}
