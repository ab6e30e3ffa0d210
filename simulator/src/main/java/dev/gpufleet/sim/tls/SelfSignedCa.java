package dev.gpufleet.sim.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/// A throwaway certificate authority and the server certificate it signs, made fresh for each
/// simulator run: clients verify the server against the CA in the kubeconfig, as they would a
/// real cluster's, instead of skipping TLS verification.
///
/// Keys are ECDSA P-256 (fast to generate; Go, the JDK and Vert.x all accept them).
public final class SelfSignedCa {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final char[] KEYSTORE_PASSWORD = "gpufleet-sim".toCharArray();

    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final KeyPair serverKeys;

    private SelfSignedCa(X509Certificate caCertificate, X509Certificate serverCertificate, KeyPair serverKeys) {
        this.caCertificate = caCertificate;
        this.serverCertificate = serverCertificate;
        this.serverKeys = serverKeys;
    }

    /// Generates a CA and a server certificate valid for `localhost`, `127.0.0.1`, `::1` and
    /// the given extra IP addresses.
    public static SelfSignedCa generate(List<String> extraIpAddresses) {
        try {
            KeyPair caKeys = newKeyPair();
            KeyPair serverKeys = newKeyPair();
            Instant now = Instant.now();
            X509Certificate ca = caCertificate(caKeys, now);
            X509Certificate server = serverCertificate(ca, caKeys, serverKeys, now, extraIpAddresses);
            return new SelfSignedCa(ca, server, serverKeys);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException | UnknownHostException e) {
            throw new IllegalStateException("could not generate the simulator's TLS certificates: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509Certificate caCertificate(KeyPair keys, Instant now)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        X500Name name = new X500Name("CN=gpufleet-sim-ca,O=gpufleet");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(builder, keys);
    }

    private static X509Certificate serverCertificate(X509Certificate ca, KeyPair caKeys, KeyPair keys, Instant now,
            List<String> extraIps) throws GeneralSecurityException, OperatorCreationException, CertIOException,
            UnknownHostException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=kube-apiserver,O=gpufleet"), keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(extraIps));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                ext.createAuthorityKeyIdentifier(caKeys.getPublic()));
        return sign(builder, caKeys);
    }

    private static GeneralNames subjectAltNames(List<String> extraIps) throws UnknownHostException {
        List<GeneralName> names = new ArrayList<>(List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, "kubernetes"),
                new GeneralName(GeneralName.dNSName, "kubernetes.default"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")));
        for (String ip : extraIps) {
            // Numeric addresses only (validated by SimConfig), so this never hits DNS.
            String canonical = InetAddress.getByName(ip).getHostAddress();
            if (!canonical.equals("127.0.0.1") && !canonical.equals("0:0:0:0:0:0:0:1")) {
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException, OperatorCreationException {
        var holder = builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
    }

    /// TLS sessions the simulated API server remembers for resumption, and for how long.
    static final int SESSION_CACHE_SIZE = 256;
    static final int SESSION_TIMEOUT_SECONDS = 600;

    /// An SSL context presenting the server certificate (and the CA as its chain).
    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", serverKeys.getPrivate(), KEYSTORE_PASSWORD,
                    new Certificate[] {serverCertificate, caCertificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, KEYSTORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            // The JDK keeps up to 20,480 server sessions for 24 h: a simulator serving the console
            // in the same JVM (the demo) would hold every connection's session for a day.
            context.getServerSessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
            context.getServerSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not set up TLS for the simulator: " + e.getMessage(), e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /// The CA certificate in PEM, as kubeconfig's `certificate-authority-data` wants it (before
    /// base64).
    public String caPem() {
        try {
            return pem(caCertificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("could not encode the simulator's CA certificate", e);
        }
    }

    private static String pem(byte[] der) {
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN CERTIFICATE-----\n" + encoder.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }
}
