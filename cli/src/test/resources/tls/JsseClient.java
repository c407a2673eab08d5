import java.io.InputStream;
import java.net.URL;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A JSSE client for the tls view's test: GETs args[0], prints "host protocol cipher". */
public class JsseClient {
    public static void main(String[] args) throws Exception {
        TrustManager all = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}
            public void checkServerTrusted(X509Certificate[] c, String a) {}
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {all}, null);
        URL url = new URL(args[0]);
        HttpsURLConnection c = (HttpsURLConnection) url.openConnection();
        c.setSSLSocketFactory(ctx.getSocketFactory());
        c.setHostnameVerifier((h, s) -> true);
        try (InputStream in = c.getInputStream()) {
            SSLSession s = c.getSSLSession().orElseThrow(); // while connected
            in.readAllBytes();
            System.out.println(url.getHost() + " " + s.getProtocol() + " " + s.getCipherSuite());
        }
        c.disconnect();
    }
}
