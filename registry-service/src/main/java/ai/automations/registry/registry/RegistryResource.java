package ai.automations.registry.registry;

import jakarta.ws.rs.Path;

import ai.automations.registry.container.ContainerResource;

/** An entity's registries. */
@Path("/api/v1/entities/{entity}/registries")
public class RegistryResource extends ContainerResource<RegistryView> {

    public RegistryResource(RegistryService registries) {
        super(registries);
    }
}
