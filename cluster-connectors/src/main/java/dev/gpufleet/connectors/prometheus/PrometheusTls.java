package dev.gpufleet.connectors.prometheus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/// Which servers gpufleet trusts when the Prometheus URL is `https`.
///
/// By default the JDK's trust store; `caFile` or `caPem` replace it with the given CA
/// certificates (an in-cluster or company CA); `insecureSkipVerify` trusts any certificate
/// for any host name, for a first look at a lab server only.
///
/// @param caFile             PEM file of CA certificates, or `null`
/// @param caPem              PEM text of CA certificates, or `null`
/// @param insecureSkipVerify accept any certificate and host name
public record PrometheusTls(@Nullable Path caFile, @Nullable String caPem, boolean insecureSkipVerify) {

    public static PrometheusTls systemDefault() {
        return new PrometheusTls(null, null, false);
    }

    public static PrometheusTls caFile(Path file) {
        return new PrometheusTls(file, null, false);
    }

    public static PrometheusTls insecure() {
        return new PrometheusTls(null, null, true);
    }

    /// The TLS context these options describe.
    SSLContext sslContext() throws PrometheusException {
        try {
            if (insecureSkipVerify) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustEverything()}, null);
                return context;
            }
            if (caFile == null && caPem == null) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates()) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException broken) {
            throw new PrometheusException("The CA certificates for Prometheus " + source() + " could not be used ("
                    + broken.getMessage() + "). Give a PEM file with one or more CERTIFICATE blocks.", broken);
        }
    }

    private Collection<? extends Certificate> certificates() throws IOException, GeneralSecurityException {
        byte[] pem = caFile != null ? Files.readAllBytes(caFile) : caPem.getBytes(StandardCharsets.UTF_8);
        Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem));
        if (found.isEmpty()) {
            throw new GeneralSecurityException("no certificate found");
        }
        return found;
    }

    private String source() {
        return caFile != null ? "in " + caFile : "given as PEM text";
    }

    /// Accepts every certificate; as an extended trust manager it also stands in for the
    /// host-name check, which the JDK then leaves to it.
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
