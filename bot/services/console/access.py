"""Who may see and change a programme in the console: the signed-in viewer, the access
check every read and command starts with, and the workspaces a viewer may use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.i18n import _
from bot.services import programme_settings, workspace_programmes
from bot.services.context import Services
from bot.store.models import (
    Programme,
    Workspace,
)


class Forbidden(Exception):
    """The viewer may not see or change this; the message says why, in one sentence."""


class NotFound(Exception):
    """No such programme, round or participant."""


@dataclass(frozen=True)
class Viewer:
    """Who is signed in to the console and what they may see."""

    kind: str  # "token", "slack" or "microsoft"
    name: str
    platform: str = ""  # "slack" or "teams"; empty for the token
    workspace: str = ""  # Slack team id or Entra tenant id
    user_id: str = ""
    platform_admin: bool = False

    @property
    def everything(self) -> bool:
        """The operator's token sees every programme."""
        return self.kind == "token"

    @property
    def actor(self) -> str:
        """How the audit log names this viewer."""
        return "console:token" if self.everything else f"console:{self.kind}:{self.user_id}"

    def may_organise(self, programme: Programme, workspace: Workspace) -> bool:
        """The token, the programme's organisers, or an admin/owner of its Slack workspace."""
        if self.everything:
            return True
        if (workspace.platform, workspace.external_id) != (self.platform, self.workspace):
            return False
        return programme_settings.is_organiser(programme, self.user_id,
                                               platform_admin=self.platform_admin)

    def may_view(self, programme: Programme, workspace: Workspace) -> bool:
        """Whoever may organise it, and the programme's viewers (figures, no actions)."""
        if self.may_organise(programme, workspace):
            return True
        return ((workspace.platform, workspace.external_id) == (self.platform, self.workspace)
                and bool(self.user_id) and self.user_id in (programme.viewers or []))


@dataclass(frozen=True)
class WorkspaceChoice:
    """A workspace a viewer may create a programme in."""

    id: int
    label: str


def programme_of(session: Session, viewer: Viewer, programme_id: int, *,
                 act: bool = False) -> tuple[Programme, Workspace]:
    """The programme and its workspace if the viewer may see it (with `act`, change it);
    NotFound or Forbidden."""
    programme = session.get(Programme, programme_id)
    if programme is None:
        raise NotFound(_("There is no programme with that number."))
    workspace = session.get_one(Workspace, programme.workspace_id)
    if not viewer.may_view(programme, workspace):
        raise Forbidden(_("You do not organise {programme}: only its organisers, and admins of "
                          "its workspace, can see it.").format(programme=programme.name))
    if act and not viewer.may_organise(programme, workspace):
        raise Forbidden(viewer_refusal(programme.name))
    return programme, workspace


def viewer_refusal(name: str) -> str:
    """The one sentence a viewer reads when they try to change something."""
    return _("You can see {programme}'s figures but not change anything: ask one of its "
             "organisers to make you an organiser; nothing was changed.").format(programme=name)


def check_access(services: Services, viewer: Viewer, programme_id: int, *,
                 act: bool = False) -> str:
    """The programme's name if the viewer may see it (with `act`, change it); Forbidden or
    NotFound otherwise."""
    with services.unit_of_work() as session:
        return programme_of(session, viewer, programme_id, act=act)[0].name


def may_act(services: Services, viewer: Viewer, programme_id: int) -> bool:
    """Whether the viewer may change the programme (buttons are shown only then)."""
    with services.unit_of_work() as session:
        programme = session.get(Programme, programme_id)
        if programme is None:
            return False
        return viewer.may_organise(programme, session.get_one(Workspace, programme.workspace_id))


def workspace_label(workspace: Workspace) -> str:
    """How the console names a workspace ("Slack: NHS Trust")."""
    platform = "Slack" if workspace.platform == "slack" else "Teams"
    return f"{platform}: {workspace.name or workspace.external_id}"


def workspaces_for(services: Services, viewer: Viewer) -> list[WorkspaceChoice]:
    """Where the viewer may create a programme: every workspace for the token, else their own
    when they may organise there (a Slack admin, or an organiser of one of its programmes)."""
    with services.unit_of_work() as session:
        rows = list(session.scalars(select(Workspace).where(Workspace.active.is_(True))
                                    .order_by(Workspace.id)))
        if viewer.everything:
            return [WorkspaceChoice(w.id, workspace_label(w)) for w in rows]
        own = [w for w in rows if (w.platform, w.external_id) == (viewer.platform,
                                                                   viewer.workspace)]
        allowed = [w for w in own if viewer.platform_admin or any(
            viewer.user_id in p.organisers
            for p in workspace_programmes.programmes_of(session, w.id))]
        return [WorkspaceChoice(w.id, workspace_label(w)) for w in allowed]


OPERATOR = Viewer(kind="token", name="operator")


@dataclass(frozen=True)
class WorkspaceRow:
    """A workspace known to the database."""

    id: int
    platform: str
    external_id: str
    name: str


def known_workspaces(services: Services) -> list[WorkspaceRow]:
    """Every active workspace, oldest first."""
    with services.unit_of_work() as session:
        return [WorkspaceRow(w.id, w.platform, w.external_id, w.name) for w in session.scalars(
            select(Workspace).where(Workspace.active.is_(True)).order_by(Workspace.id))]


def workspace_id(services: Services, platform: str, external_id: str, name: str = "") -> int:
    """The workspace's id, created if no event has come from it yet."""
    with services.unit_of_work() as session:
        workspace = workspace_programmes.ensure_workspace(session, platform, external_id,
                                                          services.now(), name)
        if name and not workspace.name:
            workspace.name = name[:200]
        return workspace.id
