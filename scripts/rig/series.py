#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the repository into the patch series it stands for.

Usage: series.py REPO WORK OUTDIR PRISTINE_LIST TARBALL

REPLACED_FILES and OVERLAY_DIRS come from the environment (scripts/rig/
common.sh). The commits are built in WORK, a git repository holding the
pristine 6.1 versions of the files the series touches, following
scripts/series/plan, then written with git format-patch into OUTDIR with
a cover letter from scripts/series/cover. The last commit's files must
equal the repository's: the series and the overlay are the same change.
"""

import fnmatch
import os
import re
import shutil
import subprocess
import sys

DATE = "2026-12-01T00:00:00+0000"


def die(msg):
    print(f"series: {msg}", file=sys.stderr)
    sys.exit(1)


def git(work, *args, env=None, capture=False):
    e = dict(os.environ)
    e.update({"GIT_AUTHOR_DATE": DATE, "GIT_COMMITTER_DATE": DATE})
    if env:
        e.update(env)
    r = subprocess.run(["git", "-C", work, *args], env=e, check=True,
                       stdout=subprocess.PIPE if capture else None, text=True)
    return r.stdout if capture else None


def parse_plan(path):
    blocks = []
    text = open(path).read()
    for raw in re.split(r"^%%\s*$", text, flags=re.M):
        lines = [ln for ln in raw.split("\n") if not ln.startswith("#")]
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            continue
        blk = {"subject": None, "files": [], "removes": [], "apply": None,
               "body": ""}
        i = 0
        key = None
        while i < len(lines) and lines[i].strip():
            ln = lines[i]
            m = re.match(r"^(Subject|Files|Removes|Apply):\s*(.*)$", ln)
            if m:
                key = m.group(1)
                val = m.group(2).strip()
            elif ln[0] in " \t" and key in ("Files", "Removes"):
                val = ln.strip()
            else:
                die(f"plan: cannot parse line: {ln!r}")
            if key == "Subject":
                blk["subject"] = val
            elif key == "Apply":
                blk["apply"] = val
            elif key == "Removes":
                blk["removes"] += val.split()
            else:
                blk["files"] += val.split()
            i += 1
        blk["body"] = "\n".join(lines[i:]).strip()
        if not blk["subject"] and not blk["apply"]:
            die("plan: a block has neither Subject nor Apply")
        blocks.append(blk)
    return blocks


def specificity(pattern, path):
    """How well PATTERN matches PATH: None, or a sort key (higher wins)."""
    if pattern == path:
        return (2, len(pattern))
    if "**" in pattern:
        prefix = pattern.split("**")[0]
        if path.startswith(prefix):
            return (0, len(prefix))
        return None
    if "*" in pattern or "?" in pattern:
        if (fnmatch.fnmatchcase(path, pattern) and
                path.count("/") == pattern.count("/")):
            return (1, len(pattern))
    return None


def assign(blocks, files):
    owner = {}
    for f in files:
        best = None
        tie = False
        for n, b in enumerate(blocks):
            for p in b["files"]:
                s = specificity(p, f)
                if s is None:
                    continue
                if best is None or s > best[0]:
                    best = (s, n)
                    tie = False
                elif s == best[0] and n != best[1]:
                    tie = True
        if best is None:
            die(f"plan: no patch takes {f}")
        if tie:
            die(f"plan: two patches take {f} equally")
        owner[f] = best[1]
    return owner


def patch_header(path):
    """Subject and body of one of patches/*.patch."""
    subject, body, inbody = None, [], False
    for ln in open(path):
        ln = ln.rstrip("\n")
        if ln == "---":
            break
        if not inbody:
            if ln.startswith("Subject:"):
                subject = re.sub(r"^Subject:\s*(\[PATCH[^]]*\]\s*)?", "", ln)
            elif not ln.strip() and subject:
                inbody = True
            continue
        body.append(ln)
    if not subject:
        die(f"{path}: no Subject")
    return subject, "\n".join(body).strip()


def patch_targets(path):
    out = []
    for ln in open(path):
        m = re.match(r"^\+\+\+ b/(\S+)", ln)
        if m:
            out.append(m.group(1))
    return out


MK_OBJ = re.compile(r"^(\S+?)-(y|objs|\$\(CONFIG_\w+\))\s*:?\+?=\s*(.*)$")


def filter_makefile(text, directory, exists):
    """Keep the Makefile lines whose objects exist; name the dropped symbols.

    Every object line names one object (the repository keeps them so). A
    composite object exists when one of its parts does.
    """
    lines = text.split("\n")
    parts = {}
    for ln in lines:
        m = MK_OBJ.match(ln)
        if m and m.group(1) != "obj":
            parts.setdefault(m.group(1), []).extend(
                w[:-2] for w in m.group(3).split() if w.endswith(".o"))

    def obj_exists(name, depth=0):
        base = os.path.join(directory, name)
        if exists(base + ".c") or exists(base + ".S"):
            return True
        if depth < 4 and name in parts:
            return any(obj_exists(p, depth + 1) for p in parts[name])
        return False

    out, comment, kept_syms, dropped_syms = [], [], set(), set()
    header = True
    for ln in lines:
        # The file's opening comment stays; any later comment belongs to
        # the line after it, and goes where that line goes.
        if header and ln.startswith("#"):
            out.append(ln)
            continue
        header = False
        if ln.startswith("#"):
            comment.append(ln)
            continue
        m = MK_OBJ.match(ln)
        if not m:
            out += comment
            comment = []
            out.append(ln)
            continue
        objs = [w[:-2] for w in m.group(3).split() if w.endswith(".o")]
        syms = set(re.findall(r"CONFIG_(\w+)", m.group(2)))
        if all(obj_exists(o) for o in objs):
            out += comment
            out.append(ln)
            kept_syms |= syms
        else:
            dropped_syms |= syms
        comment = []
    out += comment
    text = "\n".join(out)
    if len(out) != len(lines):
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text, dropped_syms - kept_syms


def filter_kconfig(text, dropped):
    """Leave out the config entries whose every object was left out."""
    out, skip = [], False
    for ln in text.split("\n"):
        m = re.match(r"^(menu)?config\s+(\w+)", ln)
        if m:
            skip = m.group(2) in dropped
        elif ln and not ln[0].isspace():
            skip = False
        if not skip:
            out.append(ln)
    if not dropped:
        return text
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


def main():
    repo, work, outdir, pristine_list, tarball = sys.argv[1:6]
    replaced = os.environ["REPLACED_FILES"].split()
    overlay_dirs = os.environ["OVERLAY_DIRS"].split()
    blocks = parse_plan(os.path.join(repo, "scripts/series/plan"))

    pristine = set(open(pristine_list).read().split())
    ours = subprocess.run(
        ["git", "-C", repo, "ls-files", "-co", "--exclude-standard", "--",
         *overlay_dirs], check=True, stdout=subprocess.PIPE,
        text=True).stdout.split()
    ours = sorted(f for f in set(ours) if os.path.isfile(os.path.join(repo, f)))
    ours_set = set(ours)
    deleted = sorted(f for f in replaced if f not in ours_set)
    touched = sorted(set(ours) | set(deleted))
    owner = assign(blocks, touched)
    applied = {}
    for n, b in enumerate(blocks):
        if b["apply"]:
            p = os.path.join(repo, b["apply"])
            if not os.path.isfile(p):
                die(f"plan: {b['apply']} does not exist")
            applied[os.path.basename(p)] = n
    for p in os.listdir(os.path.join(repo, "patches")):
        if p.endswith(".patch") and p not in applied:
            die(f"plan: patches/{p} is in no patch")

    # The base: pristine 6.1 versions of what the series changes.
    base = [f for f in touched if f in pristine]
    for b in blocks:
        if b["apply"]:
            base += patch_targets(os.path.join(repo, b["apply"]))
    base = sorted(set(base))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    lst = os.path.join(work, ".members")
    with open(lst, "w") as fh:
        fh.write("".join(f"linux-source-6.1/{f}\n" for f in base))
    subprocess.run(["tar", "-C", work, "--strip-components=1", "-xJf",
                    tarball, "-T", lst], check=True)
    os.unlink(lst)
    git(work, "init", "-q")
    git(work, "add", "-f", "--", *base)
    ident = subprocess.run(["git", "-C", repo, "var", "GIT_AUTHOR_IDENT"],
                           check=True, stdout=subprocess.PIPE,
                           text=True).stdout
    name, email = re.match(r"^(.*) <(.*)> ", ident).groups()
    idenv = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
             "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
    git(work, "commit", "-q", "-m",
        "Linux 6.1 (linux-source-6.1): the files this series changes",
        env=idenv)
    git(work, "tag", "series-base")

    def exists(path):
        full = os.path.join(work, path)
        if path in touched or path in base:
            return os.path.exists(full)
        return path in pristine

    filtered = {}
    for d in ("drivers/remoteproc", "drivers/rpmsg"):
        filtered[d + "/Makefile"] = d + "/Kconfig"
    for n, b in enumerate(blocks):
        subject, body = b["subject"], b["body"]
        if b["apply"]:
            p = os.path.join(repo, b["apply"])
            subprocess.run(["patch", "-s", "-p1", "-d", work, "-i", p],
                           check=True)
            psub, pbody = patch_header(p)
            subject = subject or psub
            body = body or pbody
        # Mainline files this patch retires before their successors come
        for f in touched:
            if f in pristine and owner[f] > n and any(
                    specificity(p, f) for p in b["removes"]):
                if os.path.exists(os.path.join(work, f)):
                    os.unlink(os.path.join(work, f))
        for f in touched:
            if owner[f] != n:
                continue
            dst = os.path.join(work, f)
            if f in ours_set:
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copy2(os.path.join(repo, f), dst)
            elif os.path.exists(dst):
                os.unlink(dst)
        for mk, kc in filtered.items():
            if owner.get(mk, len(blocks)) > n:
                continue
            text, dropped = filter_makefile(
                open(os.path.join(repo, mk)).read(), os.path.dirname(mk),
                exists)
            open(os.path.join(work, mk), "w").write(text)
            if kc in ours_set and owner[kc] <= n:
                ktext = filter_kconfig(open(os.path.join(repo, kc)).read(),
                                       dropped)
                open(os.path.join(work, kc), "w").write(ktext)
        git(work, "add", "-A", "-f", "--", ".")
        msg = f"{subject}\n\n{body}\n" if body else f"{subject}\n"
        git(work, "commit", "-q", "-s", "--allow-empty", "-m", msg,
            env=idenv)

    # The end of the series is the repository, byte for byte.
    for f in touched:
        dst = os.path.join(work, f)
        if f in ours_set:
            if not os.path.isfile(dst) or \
                    open(dst, "rb").read() != \
                    open(os.path.join(repo, f), "rb").read():
                die(f"{f}: the series ends with another content")
        elif os.path.exists(dst):
            die(f"{f}: the series does not delete it")

    shutil.rmtree(outdir, ignore_errors=True)
    git(work, "format-patch", "-q", "--cover-letter", "--binary", "-B",
        "--no-signature", "--thread=shallow", "-o", outdir,
        "series-base..HEAD")
    cover = sorted(os.listdir(outdir))[0]
    cpath = os.path.join(outdir, cover)
    tmpl = open(os.path.join(repo, "scripts/series/cover")).read()
    csub, cbody = tmpl.split("\n", 1)
    extra = os.environ.get("SERIES_FIGURES", "")
    cbody = cbody.replace("@FIGURES@", extra.strip() or
                          "(see the Benchmark section of the README)")
    text = open(cpath).read()
    text = text.replace("*** SUBJECT HERE ***", csub.strip())
    text = text.replace("*** BLURB HERE ***", cbody.strip())
    open(cpath, "w").write(text)
    print(f"{len(blocks)} patches and a cover letter in {outdir}")


if __name__ == "__main__":
    main()
