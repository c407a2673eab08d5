package io.jstrace.view.ca;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client's trust manager for one handshake: it copies the chain the server sent, then
 * judges it with the PKIX trust manager it wraps and keeps the verdict instead of
 * throwing it, so the handshake completes and the chain is always there to print
 * (JSSE calls {@code checkServerTrusted} with the Certificate message's list, in the
 * server's order). It is no looser than that: JSSE still checks the server's
 * CertificateVerify signature with the leaf's key.
 */
final class ChainRecorder extends X509ExtendedTrustManager {
    private final X509TrustManager judge;
    private volatile X509Certificate[] chain;
    private volatile String authType;
    private volatile CertificateException verdict;

    ChainRecorder(X509TrustManager judge) {
        this.judge = judge;
    }

    /** The chain as sent, or null before the server's Certificate message. */
    X509Certificate[] chain() {
        return chain;
    }

    /** Why the PKIX trust manager rejected the chain, or null when it accepted it. */
    CertificateException verdict() {
        return verdict;
    }

    String authType() {
        return authType;
    }

    private void record(X509Certificate[] sent, String type) {
        chain = sent.clone();
        authType = type;
        try {
            judge.checkServerTrusted(chain.clone(), type);
            verdict = null;
        } catch (CertificateException e) {
            verdict = e;
        } catch (RuntimeException e) { // the validator on hostile input: a verdict too
            verdict = new CertificateException(e.toString(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String type, Socket socket) {
        record(c, type);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String type, SSLEngine engine) {
        record(c, type);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String type) {
        record(c, type);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String type, Socket socket) throws CertificateException {
        throw new CertificateException("a client, not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String type, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client, not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String type) throws CertificateException {
        throw new CertificateException("a client, not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return judge.getAcceptedIssuers();
    }
}
