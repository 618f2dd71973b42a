"""How the e2e suite and bench/run start Varnish in front of Feedwright replicas (standard library only):
the addresses half of the VCL that feedwright.vcl includes, and the varnishd command line."""

from pathlib import Path

VCL = Path(__file__).resolve().parent / "feedwright.vcl"
INCLUDED = "feedwright-replicas.vcl"


def replicas_vcl(ports, host="127.0.0.1"):
    """One probed backend per replica port, each added to the round-robin director `replicas`."""
    lines = [f'backend replica{i} {{ .host = "{host}"; .port = "{port}"; .probe = healthz; }}'
             for i, port in enumerate(ports, 1)]
    lines.append("sub vcl_init {")
    lines += [f"    replicas.add_backend(replica{i});" for i in range(1, len(ports) + 1)]
    lines.append("}")
    return "\n".join(lines) + "\n"


def varnishd_command(folder, port, backend_ports, storage="malloc,64m"):
    """Writes FOLDER/feedwright-replicas.vcl and returns the command that runs varnishd in the foreground
    with FOLDER/instance as its working folder (-n), listening on 127.0.0.1:PORT only."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / INCLUDED).write_text(replicas_vcl(backend_ports), encoding="utf-8")
    return ["varnishd", "-F", "-n", str(folder / "instance"), "-a", f"127.0.0.1:{port}", "-f", str(VCL),
            "-p", f"vcl_path={folder}", "-p", "http_gzip_support=off", "-s", storage]
