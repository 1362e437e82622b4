import java.lang.reflect.Method;

/**
 * Runs a bench server's main with async-profiler started after a warm-up and stopped after a
 * while, written as collapsed stacks: {@code bench/profile.sh} compiles and runs it.
 *
 * <p>{@code java -cp benchmarks.jar:async-profiler.jar:. ProfileLauncher <main class> <port> <warm-up s> <seconds>
 * <output file> <event> <library path>}
 */
public final class ProfileLauncher {
    private ProfileLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String main = args[0];
        String port = args[1];
        long warmUp = Long.parseLong(args[2]);
        long seconds = Long.parseLong(args[3]);
        String output = args[4];
        String event = args[5];
        one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance(args[6]);
        Thread control = new Thread(() -> {
            try {
                Thread.sleep(warmUp * 1000);
                profiler.execute("start,event=" + event + ",interval=200us");
                System.err.println("profiling started");
                Thread.sleep(seconds * 1000);
                profiler.execute("stop,collapsed,file=" + output);
                System.err.println("profiling stopped: " + output);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "profile-control");
        control.setDaemon(true);
        control.start();
        Method entry = Class.forName(main).getMethod("main", String[].class);
        entry.invoke(null, (Object) new String[] {port});
    }
}
