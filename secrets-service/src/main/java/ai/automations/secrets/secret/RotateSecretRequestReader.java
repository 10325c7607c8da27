package ai.automations.secrets.secret;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@link RotateSecretRequest} without ever quoting its value in an error (see {@link ValueBodyReader}). */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class RotateSecretRequestReader extends ValueBodyReader<RotateSecretRequest> {

    public RotateSecretRequestReader(ObjectMapper mapper) {
        super(mapper, RotateSecretRequest.class);
    }
}
