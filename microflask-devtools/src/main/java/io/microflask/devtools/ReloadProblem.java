package io.microflask.devtools;

import java.util.List;

/**
 * Why the last reload did not take: compile errors, or new classes that could not be loaded or
 * registered. While one is pending the app keeps answering with the last good code, and local
 * browsers are shown this instead.
 *
 * @param title       a headline, e.g. "Compile error"
 * @param diagnostics compiler messages with file and line (empty for a registration failure)
 * @param failure     the exception behind a failure to load or register, or {@code null}
 * @param changed     the files whose change started the reload
 */
record ReloadProblem(String title, List<CompileDiagnostic> diagnostics, Throwable failure, List<String> changed) {
}
