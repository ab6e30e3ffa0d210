package dev.gpufleet.connectors.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/// How gpufleet proves who it is to a Prometheus-compatible server.
///
/// A token file is read again for every query, because mounted service-account tokens and
/// tokens refreshed by sidecars rotate while the console keeps running.
public sealed interface PrometheusAuth {

    /// The `Authorization` header value, if any.
    Optional<String> header() throws PrometheusException;

    /// For messages: how the request authenticated, without the secret.
    String describe();

    static PrometheusAuth none() {
        return new None();
    }

    /// No credentials.
    record None() implements PrometheusAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "without credentials";
        }
    }

    /// A bearer token given directly.
    record Bearer(String token) implements PrometheusAuth {
        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token.strip());
        }

        @Override
        public String describe() {
            return "with a bearer token";
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /// A bearer token read from a file before each query.
    record BearerFile(Path file) implements PrometheusAuth {
        @Override
        public Optional<String> header() throws PrometheusException {
            try {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new PrometheusException("The Prometheus token file " + file + " is empty. Put the bearer"
                            + " token in it, or leave the token option out if the server needs none.");
                }
                return Optional.of("Bearer " + token);
            } catch (IOException unreadable) {
                throw new PrometheusException("The Prometheus token file " + file + " could not be read ("
                        + unreadable.getMessage() + "). Check the path and its permissions.", unreadable);
            }
        }

        @Override
        public String describe() {
            return "with the bearer token in " + file;
        }
    }

    /// HTTP basic authentication, as Grafana Cloud, Mimir and many reverse proxies ask.
    record Basic(String user, String password) implements PrometheusAuth {
        @Override
        public Optional<String> header() {
            String pair = user + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String describe() {
            return "as user \"" + user + "\"";
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=***]";
        }
    }
}
