package dev.saascore.ui.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A minimal OpenID Connect issuer on localhost (discovery document and JWKS, RS256), standing in for an
 * external identity provider so the API's "external issuer" path runs for real in tests.
 */
public final class FakeOidcIssuer {

    private static FakeOidcIssuer instance;

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;

    private FakeOidcIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("external-key").algorithm(JWSAlgorithm.RS256).generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
        server.createContext("/realm/.well-known/openid-configuration", exchange -> reply(exchange, """
                {"issuer":"%s","jwks_uri":"%s/jwks","authorization_endpoint":"%s/auth","token_endpoint":"%s/token",
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],
                 "response_types_supported":["code"]}""".formatted(issuer, issuer, issuer, issuer)));
        server.createContext("/realm/jwks", exchange -> reply(exchange, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    public static synchronized FakeOidcIssuer instance() {
        if (instance == null) {
            try {
                instance = new FakeOidcIssuer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    /** Signs the claims with this issuer's key (the caller sets iss, so tests can lie about it too). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
