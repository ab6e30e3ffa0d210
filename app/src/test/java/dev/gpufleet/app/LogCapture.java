package dev.gpufleet.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/// Captures everything gpufleet, fabric8 and Vert.x log while a test runs, at DEBUG (what
/// `GPUFLEET_LOG=debug` shows a user), with each exception's messages and stack, so a test can
/// check that no line holds a secret. Exceptions a test catches itself can be added, as a crash
/// report would print them.
final class LogCapture extends AppenderBase<ILoggingEvent> {

    private static final List<String> WATCHED = List.of("dev.gpufleet", "io.fabric8", "io.vertx");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> loggers = new CopyOnWriteArrayList<>();
    private final Map<String, Level> previous = new HashMap<>();

    @Override
    public void start() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        super.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
        for (String name : WATCHED) {
            context.getLogger(name);
        }
        // The packaged configuration quiets some packages on their own (connections at ERROR):
        // every logger under the watched ones logs at DEBUG while capturing, as with
        // GPUFLEET_LOG=debug, except those the configuration switches off for good.
        for (Logger logger : context.getLoggerList()) {
            if (WATCHED.stream().anyMatch(name -> logger.getName().startsWith(name)) && logger.getLevel() != Level.OFF) {
                previous.put(logger.getName(), logger.getLevel());
                logger.setLevel(Level.DEBUG);
            }
        }
    }

    @Override
    public void stop() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        previous.forEach((name, level) -> context.getLogger(name).setLevel(level));
        super.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        loggers.add(event.getLoggerName());
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        lines.add(line.toString());
    }

    /// Adds a caught exception as a crash report would show it: its text and full stack.
    void record(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        lines.add(trace.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> loggers() {
        return List.copyOf(loggers);
    }
}
