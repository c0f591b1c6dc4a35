# zero-downtime as a KRM function image: `kpt fn eval --image`, kustomize
# `container:` transformers, and the Argo CD plugin sidecar (which copies the
# binary out of it).
#
#   docker build --build-arg VERSION=0.2.0 -t ghcr.io/zero-downtime/zero-downtime:v0.2.0 .
#
# (`make image` does that with podman, taking VERSION from CMakeLists.txt.)
# The build stage runs exactly the Makefile's steps (make static), so what the
# tests exercise is what the image holds, and refuses a VERSION other than the
# one the binary prints. The final image is the static binary, an /etc/passwd
# and an /etc/group: no shell, no libraries, nothing to write to.

FROM debian:bookworm-slim AS build
WORKDIR /src
COPY scripts/install-deps scripts/
RUN scripts/install-deps build
COPY CMakeLists.txt Makefile ./
COPY cmake/ cmake/
COPY fn/ fn/
COPY presets/ presets/
# Build parallelism (make's JOBS); empty: one job per core. (Each ARG is declared where it is first
# used: a build argument's value is part of the layer cache key from its declaration on.)
ARG JOBS=
RUN make static ${JOBS:+JOBS=$JOBS} && ./build-static/zero-downtime --help >/dev/null
ARG VERSION
RUN built="$(./build-static/zero-downtime --version)" && \
    if [ "$built" != "zero-downtime $VERSION" ]; then \
      echo "VERSION is \"$VERSION\" but the binary says \"$built\": build with --build-arg VERSION=${built#zero-downtime }" >&2; \
      exit 1; \
    fi
# kpt and kustomize run a function image as `--user nobody`: the runtime looks the
# name up in the image's /etc/passwd, and refuses to start the container without it.
RUN mkdir -p /rootfs/etc /rootfs/usr/local/bin && \
    printf 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > /rootfs/etc/passwd && \
    printf 'nobody:x:65534:\n' > /rootfs/etc/group && \
    chmod 0644 /rootfs/etc/passwd /rootfs/etc/group && \
    install -m 0755 build-static/zero-downtime /rootfs/usr/local/bin/zero-downtime
# The licenses that travel with the binary: its own, and those of the libraries linked into it.
COPY LICENSE /rootfs/usr/share/doc/zero-downtime/LICENSE
RUN mkdir -p /rootfs/usr/share/doc/zero-downtime/third-party && \
    for p in libyaml-0-2 libcli11-dev libstdc++6 libc6; do \
      cp -L /usr/share/doc/$p/copyright /rootfs/usr/share/doc/zero-downtime/third-party/$p.copyright; \
    done

FROM scratch
ARG VERSION
LABEL org.opencontainers.image.title="zero-downtime" \
      org.opencontainers.image.description="KRM function that rewrites Kubernetes manifests so rolling updates behind AWS ALB or Azure Application Gateway drop no requests" \
      org.opencontainers.image.source="https://github.com/zero-downtime/zero-downtime" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /rootfs/ /
# nobody, as kpt and kustomize run it; numeric, so that Kubernetes' runAsNonRoot can check it.
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/zero-downtime"]
