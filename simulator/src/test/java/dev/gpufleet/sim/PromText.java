package dev.gpufleet.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// A small, strict reader of the Prometheus text format 0.0.4 for tests: checks the shape of
/// every line and that each family has HELP and TYPE before its samples, and returns the
/// samples with their labels in order. Independent of any other module.
final class PromText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /// One sample: metric name, labels in the order written, value.
    record Sample(String name, LinkedHashMap<String, String> labels, double value) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final Map<String, String> types = new HashMap<>();
    final Set<String> helps = new HashSet<>();

    static PromText parse(String text) {
        PromText p = new PromText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            p.errors.add("the text does not end with a newline");
        }
        String[] lines = text.split("\n", -1);
        Set<String> finished = new HashSet<>();
        String current = null;
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String family = p.readLine(i + 1, line);
            if (family != null && !family.equals(current)) {
                if (finished.contains(family)) {
                    p.errors.add("line " + (i + 1) + ": family " + family + " is split");
                }
                if (current != null) {
                    finished.add(current);
                }
                current = family;
            }
        }
        return p;
    }

    // Returns the family the line belongs to, or null for a blank line.
    private String readLine(int n, String line) {
        Matcher m;
        if (line.isEmpty()) {
            return null;
        }
        if ((m = HELP.matcher(line)).matches()) {
            helps.add(m.group(1));
            return m.group(1);
        }
        if ((m = TYPE.matcher(line)).matches()) {
            if (types.put(m.group(1), m.group(2)) != null) {
                errors.add("line " + n + ": second TYPE for " + m.group(1));
            }
            return m.group(1);
        }
        if (line.startsWith("#")) {
            errors.add("line " + n + ": unexpected comment: " + line);
            return null;
        }
        if (!(m = SAMPLE.matcher(line)).matches()) {
            errors.add("line " + n + ": not a sample: " + line);
            return null;
        }
        String name = m.group(1);
        if (!types.containsKey(name) || !helps.contains(name)) {
            errors.add("line " + n + ": sample of " + name + " before its HELP and TYPE");
        }
        LinkedHashMap<String, String> labels = labels(n, m.group(3) == null ? "" : m.group(3));
        samples.add(new Sample(name, labels, value(n, m.group(4))));
        return name;
    }

    private LinkedHashMap<String, String> labels(int n, String body) {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        int at = 0;
        while (at < body.length()) {
            Matcher m = LABEL.matcher(body).region(at, body.length());
            if (!m.lookingAt()) {
                errors.add("line " + n + ": bad label at: " + body.substring(at));
                break;
            }
            if (labels.put(m.group(1), m.group(2)) != null) {
                errors.add("line " + n + ": label " + m.group(1) + " twice");
            }
            at = m.end();
            if (at < body.length()) {
                if (body.charAt(at) != ',') {
                    errors.add("line " + n + ": expected ',' at: " + body.substring(at));
                    break;
                }
                at++;
            }
        }
        return labels;
    }

    private double value(int n, String text) {
        try {
            return switch (text) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        } catch (NumberFormatException e) {
            errors.add("line " + n + ": value is not a number: " + text);
            return Double.NaN;
        }
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
}
