# zero-downtime as a KRM function image: `kpt fn eval --image`, kustomize
# `container:` transformers, and the Argo CD plugin sidecar.
#
# The build stage runs exactly the Makefile's steps (make static), so what
# the tests exercise is what the image holds. The final image is the static
# binary alone, running as a non-root user with nothing to write to.

FROM debian:bookworm-slim AS build
WORKDIR /src
COPY scripts/ scripts/
RUN scripts/install-deps build
COPY CMakeLists.txt Makefile ./
COPY cmake/ cmake/
COPY fn/ fn/
COPY presets/ presets/
RUN make static && ./build-static/zero-downtime --help >/dev/null

FROM scratch
COPY --from=build /src/build-static/zero-downtime /usr/local/bin/zero-downtime
# 65532: the conventional "nonroot" uid of distroless images.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/zero-downtime"]
