package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.testsupport.SignedIn;
import dev.saascore.ui.testsupport.TenantFixtures;
import dev.saascore.ui.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the running application over HTTP, as an API client would. Same context configuration as the view
 * tests ({@code RANDOM_PORT}), so the Spring context is shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTestSupport {

    static final String PASSWORD = "correct-horse-battery";

    record Reply(int status, String contentType, JsonNode json, String body) {
    }

    @LocalServerPort int port;
    @Autowired CommandGateway commands;
    @Autowired QueryGateway queries;
    @Autowired PasswordEncoder passwords;
    @Autowired ObjectMapper mapper;

    final JdbcTemplate superuser = new JdbcTemplate(TestDatabase.asSuperuser());
    private final HttpClient http = HttpClient.newHttpClient();

    Reply post(String path, String json, String bearer) {
        return post(path, "application/json", json, bearer);
    }

    Reply post(String path, String contentType, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        return send(bearer == null ? request : request.header("Authorization", "Bearer " + bearer));
    }

    Reply get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        return send(bearer == null ? request : request.header("Authorization", "Bearer " + bearer));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body.isBlank() ? null : readOrNull(body);
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json, body);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode readOrNull(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Onboards a tenant as the platform administrator; its owner signs in with {@link #PASSWORD}. */
    OnboardTenant onboardTenant(String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        OnboardTenant command = new OnboardTenant(TenantId.random(), "Api " + prefix, slug, UserId.random(),
                "Owner " + prefix, slug + "@owner.test", passwords.encode(PASSWORD));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(command));
        return command;
    }

    /** A real member of the tenant's team with the role, signed in over the API: their access token. */
    String staffToken(OnboardTenant tenant, Role role) {
        String email = TenantFixtures.join(commands, queries, passwords, tenant.tenantId(), role, PASSWORD);
        return signIn(email, PASSWORD).get("access_token").asText();
    }

    JsonNode signIn(String email, String password) {
        Reply reply = post("/api/auth/token", json("email", email, "password", password), null);
        if (reply.status() != 200) {
            throw new AssertionError("Sign-in failed: " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    /** The body that creates an API key with that name and those scopes (wire names). */
    ObjectNode keyRequest(String name, String... scopes) {
        ObjectNode body = mapper.createObjectNode().put("name", name);
        var list = body.putArray("scopes");
        for (String scope : scopes) {
            list.add(scope);
        }
        return body;
    }

    /** Creates an API key of the tenant over the API (201 asserted); the answer holds the key, once. */
    JsonNode createApiKey(TenantId tenant, String token, ObjectNode request) {
        Reply reply = post("/api/tenants/" + tenant + "/api-keys", request.toString(), token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    String json(String... keysAndValues) {
        var node = mapper.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node.toString();
    }
}
