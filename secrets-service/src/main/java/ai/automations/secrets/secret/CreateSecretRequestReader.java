package ai.automations.secrets.secret;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@link CreateSecretRequest} without ever quoting its value in an error (see {@link ValueBodyReader}). */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class CreateSecretRequestReader extends ValueBodyReader<CreateSecretRequest> {

    public CreateSecretRequestReader(ObjectMapper mapper) {
        super(mapper, CreateSecretRequest.class);
    }
}
