package io.microflask.devtools;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * An attached debugger stays attached across a reload, and a line breakpoint is hit in the
 * reloaded class. The debugger here does what VS Code's and IntelliJ's do for a line
 * breakpoint: it asks to hear of every class of that name the JVM prepares, and sets the
 * breakpoint in each.
 */
class DebuggerReloadTest {
    private static final String CLASS = "example.reload.GreetingApp";
    private static final int BREAKPOINT_LINE = 8;

    private static String greetingApp(String greeting) {
        return """
                package example.reload;

                import io.microflask.Route;

                public class GreetingApp {
                    @Route("/")
                    public String index() {
                        return "%s";
                    }
                }
                """.formatted(greeting);
    }

    @Test
    void breakpointIsHitInTheReloadedClass() throws Exception {
        try (TempProject project = new TempProject()) {
            Path source = project.writeSource("example/reload/GreetingApp.java", greetingApp("before"));
            project.compile();
            Process debuggee = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0",
                    "-cp", System.getProperty("java.class.path"), DebuggeeMain.class.getName(),
                    project.classes.toString())
                    .redirectErrorStream(true).start();
            try {
                BufferedReader output = new BufferedReader(new InputStreamReader(debuggee.getInputStream(),
                        StandardCharsets.UTF_8));
                String jdwpPort = null;
                String url = null;
                while (url == null) {
                    String line = output.readLine();
                    assertNotNull(line, "the debuggee ended before it started its server");
                    if (line.startsWith("Listening for transport dt_socket at address:")) {
                        jdwpPort = line.substring(line.lastIndexOf(':') + 1).trim();
                    } else if (line.startsWith("URL=")) {
                        url = line.substring(4);
                    }
                }
                Thread drain = new Thread(() -> output.lines().forEach(line -> { }), "debuggee-output");
                drain.setDaemon(true);
                drain.start();

                VirtualMachine vm = attach(jdwpPort);
                BlockingQueue<String> hits = new LinkedBlockingQueue<>();
                EventRequestManager requests = vm.eventRequestManager();
                ClassPrepareRequest prepare = requests.createClassPrepareRequest();
                prepare.addClassFilter(CLASS);
                prepare.enable();
                for (ReferenceType loaded : vm.classesByName(CLASS)) {
                    setBreakpoint(requests, loaded);
                }
                Thread events = new Thread(() -> {
                    try {
                        while (true) {
                            EventSet set = vm.eventQueue().remove();
                            for (Event event : set) {
                                if (event instanceof ClassPrepareEvent prepared) {
                                    setBreakpoint(requests, prepared.referenceType());
                                } else if (event instanceof BreakpointEvent hit) {
                                    hits.add(hit.location().declaringType().classLoader().referenceType().name());
                                }
                            }
                            set.resume();
                        }
                    } catch (InterruptedException | com.sun.jdi.VMDisconnectedException e) {
                        // the test is over
                    }
                }, "debugger-events");
                events.setDaemon(true);
                events.start();

                HttpClient http = HttpClient.newHttpClient();
                assertEquals("before", get(http, url));
                assertEquals("java.net.URLClassLoader", hits.poll(10, TimeUnit.SECONDS));

                TempProject.write(source, greetingApp("after"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String body = "before";
                while (!body.equals("after") && System.nanoTime() < deadline) {
                    hits.clear();
                    Thread.sleep(20);
                    body = get(http, url);
                }
                assertEquals("after", body);
                assertEquals(ReloadingClassLoader.class.getName(), hits.poll(10, TimeUnit.SECONDS),
                        "the breakpoint was not hit in the reloaded class");
                vm.dispose();
            } finally {
                debuggee.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static VirtualMachine attach(String port) throws Exception {
        AttachingConnector connector = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.transport().name().equals("dt_socket")).findFirst().orElseThrow();
        Map<String, Connector.Argument> arguments = connector.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(port);
        return connector.attach(arguments);
    }

    private static void setBreakpoint(EventRequestManager requests, ReferenceType type) {
        try {
            for (Location location : type.locationsOfLine(BREAKPOINT_LINE)) {
                BreakpointRequest breakpoint = requests.createBreakpointRequest(location);
                breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                breakpoint.enable();
            }
        } catch (AbsentInformationException e) {
            throw new AssertionError(type.name() + " has no line numbers: it was compiled without -g", e);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
